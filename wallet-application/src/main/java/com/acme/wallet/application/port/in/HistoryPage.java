package com.acme.wallet.application.port.in;

import com.acme.wallet.application.port.out.history.HistoryEntry;
import com.acme.wallet.domain.WalletId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of a wallet's stored history.
 *
 * @param walletId the wallet
 * @param items the entries, in the order asked
 * @param nextCursor where the next page starts; empty when no further entry matched when this page was read
 * @param storedThroughSequence how far the store held the wallet when the page was read
 */
public record HistoryPage(WalletId walletId, List<HistoryEntry> items, Optional<String> nextCursor,
        long storedThroughSequence) implements HistoryAnswer {
    /** Validates the page. */
    public HistoryPage {
        Objects.requireNonNull(walletId, "walletId");
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
