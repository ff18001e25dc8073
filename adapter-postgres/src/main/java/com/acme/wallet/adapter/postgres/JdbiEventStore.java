package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.PersistEventBatchPort;
import com.acme.wallet.application.port.out.PersistedBatch;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists batches of logged events into PostgreSQL exactly once, in one transaction per batch.
 *
 * <p>The transaction locks the batch's wallets, applies the events to their <em>persisted</em>
 * balances with the domain's rules, skips and counts the events already stored (after checking
 * that each really is the stored event), inserts the new transactions and wallet states, and
 * stores the batch's last position per partition. It commits all of that or nothing, so the
 * stored positions always describe exactly the stored events.
 *
 * <p>A batch that breaks a money rule, or whose repeat differs from the stored event, throws
 * {@link IllegalStateException} and stores nothing: that is an incident, never to be retried. A
 * brief overlap of two writers throws {@link ConcurrentWriterException}; an unavailable database
 * throws Jdbi's exceptions; both are safe to retry.
 */
public final class JdbiEventStore implements PersistEventBatchPort {

    /**
     * The most events one batch may hold. Bounds the transaction's memory, the arrays sent in one
     * statement and how long the wallets stay locked; the batch consumer's limit must stay below it.
     */
    public static final int MAX_BATCH_EVENTS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(JdbiEventStore.class);

    private final Jdbi jdbi;
    private final Clock clock;

    /**
     * Creates the store.
     *
     * @param jdbi the wallet database, migrated
     * @param clock stamps the rows' persistence times
     */
    public JdbiEventStore(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the batch holds more than {@value #MAX_BATCH_EVENTS} events
     * @throws IllegalStateException if the batch breaks a money rule or contradicts what is stored
     */
    @Override
    public PersistedBatch persist(List<LoggedEvent> batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.size() > MAX_BATCH_EVENTS) {
            throw new IllegalArgumentException(
                    "a batch holds at most " + MAX_BATCH_EVENTS + " events, not " + batch.size());
        }
        if (batch.isEmpty()) {
            return new PersistedBatch(0, 0);
        }
        Instant now = clock.instant();
        try {
            PersistedBatch result = jdbi.inTransaction(handle -> persistInTransaction(handle, batch, now));
            LOG.debug("persisted {} new and {} repeated events", result.persisted(), result.duplicates());
            return result;
        } catch (JdbiException failure) {
            throw SqlErrors.translate(failure);
        }
    }

    private static PersistedBatch persistInTransaction(Handle handle, List<LoggedEvent> batch, Instant now) {
        Map<WalletId, StoredWallet> stored = BatchStatements.lockWallets(handle, walletIdsOf(batch));
        BatchPlan plan = BatchPlan.of(batch, stored);
        verifyStoredRepeats(handle, plan.storedRepeats());
        writeWallets(handle, plan, now);
        insertTransactions(handle, plan.newTransactions(), now);
        int positionRows = BatchStatements.storePositions(handle, plan.lastPositions(), now);
        expect(positionRows == plan.lastPositions().size(),
                "stored %s of %s partition positions", positionRows, plan.lastPositions().size());
        return new PersistedBatch(plan.newTransactions().size(), plan.repeatCount());
    }

    private static Set<WalletId> walletIdsOf(List<LoggedEvent> batch) {
        return batch.stream().map(logged -> logged.event().walletId())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A redelivered event must be exactly the stored one; anything else means two histories. */
    private static void verifyStoredRepeats(Handle handle, List<WalletEvent> repeats) {
        if (repeats.isEmpty()) {
            return;
        }
        // A log may redeliver one event several times within a batch, and a place holds one row.
        List<WalletEvent> distinct = repeats.stream().distinct().toList();
        Map<String, EventIdentity> storedByPlace = BatchStatements.storedEventsAt(handle, distinct).stream()
                .map(TransactionRow::identity)
                .collect(Collectors.toMap(JdbiEventStore::place, Function.identity(), (row, sameRow) -> row));
        for (WalletEvent repeat : repeats) {
            EventIdentity expected = EventIdentity.of(repeat);
            EventIdentity found = storedByPlace.get(place(expected));
            expect(expected.equals(found), "event %s of wallet %s at sequence %s is at or behind the stored "
                    + "last sequence but differs from the stored event there: %s", repeat.eventId(),
                    repeat.walletId(), repeat.sequence(), found);
        }
    }

    private static String place(EventIdentity event) {
        return event.walletId() + "#" + event.sequence();
    }

    private static void writeWallets(Handle handle, BatchPlan plan, Instant now) {
        List<WalletRow> created = plan.newWallets();
        if (!created.isEmpty() && BatchStatements.insertWallets(handle, created, now) != created.size()) {
            // Another writer committed one of these wallets after our lock query found none.
            throw new ConcurrentWriterException("another writer created one of the wallets "
                    + created.stream().map(WalletRow::walletId).toList() + " at the same time");
        }
        List<WalletRow> changed = plan.changedWallets();
        if (!changed.isEmpty()) {
            int updated = BatchStatements.updateWallets(handle, changed, now);
            expect(updated == changed.size(), "updated %s of %s locked wallets: a row changed under its lock",
                    updated, changed.size());
        }
    }

    private static void insertTransactions(Handle handle, List<TransactionRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        Set<UUID> inserted = BatchStatements.insertTransactions(handle, rows, now);
        if (inserted.size() != rows.size()) {
            String refused = rows.stream().filter(row -> !inserted.contains(row.eventId())).findFirst()
                    .map(TransactionRow::toString).orElse("an event whose id the batch holds twice");
            throw new IllegalStateException("stored " + inserted.size() + " of " + rows.size() + " new "
                    + "transactions: the event id, the sequence or the reference of " + refused
                    + " is already stored, or it rolls back an original already rolled back");
        }
    }

    private static void expect(boolean condition, String format, Object... arguments) {
        if (!condition) {
            throw new IllegalStateException("event store invariant broken: " + String.format(format, arguments));
        }
    }
}
