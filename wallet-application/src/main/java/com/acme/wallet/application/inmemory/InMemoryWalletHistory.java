package com.acme.wallet.application.inmemory;

import com.acme.wallet.application.port.out.history.HistoryEntry;
import com.acme.wallet.application.port.out.history.HistoryOrder;
import com.acme.wallet.application.port.out.history.HistoryPageRequest;
import com.acme.wallet.application.port.out.history.ReadHistoryPort;
import com.acme.wallet.application.port.out.history.StoredHistory;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The history of wallets as a list of events holds it, such as {@link InMemoryEventLog#events()}:
 * for the REST API over the in-memory log, which has no PostgreSQL, and for tests. Each read
 * replays the wallet's events, so it costs time in the number of events; fine for what it serves.
 *
 * <p>It answers as PostgreSQL does: the same filters, keyset and order, and "stored through" the
 * last event the list holds of the wallet. A test can hand it a prefix of a log to play a store
 * that lags behind.
 */
public final class InMemoryWalletHistory implements ReadHistoryPort {

    private final Supplier<List<WalletEvent>> events;

    /**
     * Creates the history over a list of events.
     *
     * @param events every event of every wallet, each wallet's in sequence order, read anew on every call
     */
    public InMemoryWalletHistory(Supplier<List<WalletEvent>> events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public StoredHistory page(WalletId wallet, HistoryPageRequest page) {
        List<HistoryEntry> entries = entries(wallet);
        Comparator<HistoryEntry> bySequence = Comparator.comparingLong(HistoryEntry::sequence);
        List<HistoryEntry> selected = entries.stream()
                .filter(entry -> page.isAfter(entry.sequence()) && page.filter().matches(entry))
                .sorted(page.order() == HistoryOrder.ASCENDING ? bySequence : bySequence.reversed())
                .limit(page.limit())
                .toList();
        return new StoredHistory(storedThrough(entries), selected);
    }

    @Override
    public StoredHistory entryAt(WalletId wallet, long sequence) {
        List<HistoryEntry> entries = entries(wallet);
        return new StoredHistory(storedThrough(entries),
                entries.stream().filter(entry -> entry.sequence() == sequence).toList());
    }

    @Override
    public StoredHistory lastEntryAt(WalletId wallet, Instant at) {
        List<HistoryEntry> entries = entries(wallet);
        Optional<HistoryEntry> last = entries.stream()
                .filter(entry -> !entry.event().occurredAt().isAfter(at))
                .max(Comparator.comparingLong(HistoryEntry::sequence));
        return new StoredHistory(storedThrough(entries), last.stream().toList());
    }

    @Override
    public StoredHistory round(WalletId wallet, RoundId roundId, int limit) {
        List<HistoryEntry> entries = entries(wallet);
        List<HistoryEntry> legs = entries.stream()
                .filter(entry -> entry.event() instanceof ReferencedEvent change
                        && change.roundChanged().equals(Optional.of(roundId)))
                .limit(limit)
                .toList();
        return new StoredHistory(storedThrough(entries), legs);
    }

    /** {@return the wallet's entries in sequence order, each with the running balance after it} */
    private List<HistoryEntry> entries(WalletId wallet) {
        List<HistoryEntry> entries = new ArrayList<>();
        long balanceCents = 0;
        for (WalletEvent event : events.get()) {
            if (!event.walletId().equals(wallet)) {
                continue;
            }
            if (event.sequence() != entries.size() + 1) {
                throw new IllegalStateException("event " + event.sequence() + " of " + wallet + " follows "
                        + entries.size() + " events");
            }
            balanceCents = event instanceof WalletOpened opened
                    ? opened.amount().cents()
                    : Math.addExact(balanceCents, ((ReferencedEvent) event).balanceDeltaCents());
            entries.add(new HistoryEntry(event, balanceCents));
        }
        return entries;
    }

    private static long storedThrough(List<HistoryEntry> entries) {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).sequence();
    }
}
