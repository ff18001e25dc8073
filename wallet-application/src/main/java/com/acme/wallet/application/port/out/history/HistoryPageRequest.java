package com.acme.wallet.application.port.out.history;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One page of a wallet's history, by keyset on its sequence: the entries that match the filter,
 * after the previous page's last one in the order asked, at most {@code limit} of them.
 *
 * @param filter which entries are shown
 * @param order oldest or newest first
 * @param after the sequence of the previous page's last entry, empty for the first page: ascending
 *     pages hold sequences above it, descending pages sequences below it
 * @param limit the most entries returned
 */
public record HistoryPageRequest(HistoryFilter filter, HistoryOrder order, OptionalLong after, int limit) {

    /** The most entries a store returns for one page. */
    public static final int MAX_LIMIT = 1_000;

    /** Validates the request. */
    public HistoryPageRequest {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_LIMIT + " entries, not " + limit);
        }
        if (after.isPresent() && after.getAsLong() < 1) {
            throw new IllegalArgumentException("no entry has sequence " + after.getAsLong());
        }
    }

    /** {@return whether an entry's sequence lies beyond the previous page, in the order asked} */
    public boolean isAfter(long sequence) {
        if (after.isEmpty()) {
            return true;
        }
        return order == HistoryOrder.ASCENDING ? sequence > after.getAsLong() : sequence < after.getAsLong();
    }
}
