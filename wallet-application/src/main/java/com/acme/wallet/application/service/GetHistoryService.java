package com.acme.wallet.application.service;

import com.acme.wallet.application.port.in.GetHistoryUseCase;
import com.acme.wallet.application.port.in.HistoryAnswer;
import com.acme.wallet.application.port.in.HistoryPage;
import com.acme.wallet.application.port.in.HistoryQuery;
import com.acme.wallet.application.port.in.NotInHistory;
import com.acme.wallet.application.port.out.history.HistoryEntry;
import com.acme.wallet.application.port.out.history.HistoryPageRequest;
import com.acme.wallet.application.port.out.history.StoredHistory;
import com.acme.wallet.domain.WalletId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a page of a wallet's stored history, by keyset on its sequence: a page starts after the
 * previous page's last sequence, so pages never skip or repeat an entry while new changes arrive
 * (a stored entry never changes, and new ones only take higher sequences).
 */
public final class GetHistoryService implements GetHistoryUseCase {

    private final StoredReads reads;

    GetHistoryService(StoredReads reads) {
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    @Override
    public HistoryAnswer history(HistoryQuery query) {
        WalletId walletId = query.walletId();
        OptionalLong after = OptionalLong.empty();
        if (query.cursor().isPresent()) {
            HistoryCursor.Read cursor = HistoryCursor.decode(query, query.cursor().get());
            if (cursor instanceof HistoryCursor.Refused refused) {
                return refused.answer();
            }
            after = OptionalLong.of(((HistoryCursor.Position) cursor).after());
        }
        // One entry more than the page shows tells whether another page follows.
        HistoryPageRequest request = new HistoryPageRequest(query.filter(), query.order(), after, query.limit() + 1);
        StoredHistory stored = reads.read(walletId, history -> history.page(walletId, request));
        Optional<NotInHistory> missing = reads.notInHistory(walletId, stored, query.minSequence());
        if (missing.isPresent()) {
            return missing.get();
        }
        List<HistoryEntry> entries = checked(stored.entries(), request);
        List<HistoryEntry> items = entries.subList(0, Math.min(query.limit(), entries.size()));
        Optional<String> next = entries.size() > query.limit()
                ? Optional.of(HistoryCursor.encode(query, items.get(items.size() - 1).sequence()))
                : Optional.empty();
        return new HistoryPage(walletId, items, next, stored.storedThroughSequence());
    }

    /** The data after reading, checked: a page out of order or beyond its keyset would skip or repeat entries. */
    private static List<HistoryEntry> checked(List<HistoryEntry> entries, HistoryPageRequest request) {
        if (entries.size() > request.limit()) {
            throw new IllegalStateException("a page of " + request.limit() + " read " + entries.size() + " entries");
        }
        HistoryPageRequest following = request;
        for (HistoryEntry entry : entries) {
            if (!following.isAfter(entry.sequence()) || !request.filter().matches(entry)) {
                throw new IllegalStateException("a page read for " + request + " holds " + entry);
            }
            following = new HistoryPageRequest(request.filter(), request.order(), OptionalLong.of(entry.sequence()),
                    request.limit());
        }
        return entries;
    }
}
