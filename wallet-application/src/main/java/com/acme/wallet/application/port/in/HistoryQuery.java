package com.acme.wallet.application.port.in;

import com.acme.wallet.application.port.out.history.HistoryFilter;
import com.acme.wallet.application.port.out.history.HistoryOrder;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;
import java.util.Optional;

/**
 * Read one page of a wallet's stored history.
 *
 * @param walletId the wallet
 * @param filter which entries are shown
 * @param order oldest or newest first
 * @param limit the most entries on the page, 1 to {@value #MAX_LIMIT}
 * @param cursor where the previous page ended, as that page's answer gave it; empty for the first page
 * @param minSequence read-your-writes: answer only once the store holds the wallet through this
 *     sequence; 0 asks nothing
 */
public record HistoryQuery(WalletId walletId, HistoryFilter filter, HistoryOrder order, int limit,
        Optional<String> cursor, long minSequence) {

    /** The entries on a page when the client does not say. */
    public static final int DEFAULT_LIMIT = 50;

    /** The most entries on a page. */
    public static final int MAX_LIMIT = 200;

    /** The order when the client does not say: newest first. */
    public static final HistoryOrder DEFAULT_ORDER = HistoryOrder.DESCENDING;

    /** Validates the query. */
    public HistoryQuery {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be 1 to " + MAX_LIMIT);
        }
        MinSequence.check(minSequence);
    }
}
