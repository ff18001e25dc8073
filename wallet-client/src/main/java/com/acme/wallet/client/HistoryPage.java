package com.acme.wallet.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of a wallet's stored history.
 *
 * @param userId the wallet
 * @param items the page's transactions, in the order asked
 * @param nextCursor where the next page starts ({@link HistoryQuery#after}); empty on the last page
 * @param storedThroughSequence every change of the wallet up to this sequence is stored
 */
public record HistoryPage(String userId, List<Transaction> items, Optional<String> nextCursor,
        long storedThroughSequence) {

    public HistoryPage {
        Objects.requireNonNull(userId, "userId");
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
