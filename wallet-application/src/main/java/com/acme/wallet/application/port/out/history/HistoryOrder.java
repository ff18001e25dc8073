package com.acme.wallet.application.port.out.history;

/** The order of a wallet's history: by its sequence, oldest first or newest first. */
public enum HistoryOrder {
    /** Oldest first: each page holds sequences above the previous page's last. */
    ASCENDING("asc"),
    /** Newest first: each page holds sequences below the previous page's last. */
    DESCENDING("desc");

    private final String wireName;

    HistoryOrder(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the name a client uses, {@code asc} or {@code desc}} */
    public String wireName() {
        return wireName;
    }
}
