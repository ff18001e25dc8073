package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;

/**
 * The statements of one batch transaction. Each takes the whole batch as arrays and
 * {@code unnest}s them: one statement and one plan per batch, whatever its size, instead of one
 * round trip per row.
 */
final class BatchStatements {

    private static final String LOCK_WALLETS = """
            SELECT wallet_id, balance_cents, last_sequence
            FROM wallets
            WHERE wallet_id = ANY(:walletIds::text[])
            ORDER BY wallet_id
            FOR UPDATE""";

    private static final String STORED_EVENTS_AT = "SELECT " + StoredTransactions.COLUMNS + """

            FROM unnest(:walletIds::text[], :sequences::bigint[]) AS r (wallet_id, sequence)
            JOIN transactions t ON t.wallet_id = r.wallet_id AND t.sequence = r.sequence""";

    private static final String INSERT_WALLETS = """
            INSERT INTO wallets (wallet_id, balance_cents, last_sequence, opened_at, updated_at)
            SELECT u.wallet_id, u.balance_cents, u.last_sequence, u.opened_at, :now
            FROM unnest(:walletIds::text[], :balances::bigint[], :lastSequences::bigint[],
                        :openedAt::timestamptz[]) AS u (wallet_id, balance_cents, last_sequence, opened_at)
            ON CONFLICT (wallet_id) DO NOTHING""";

    // Only rows still at the sequence read under the lock are updated: a lost update shows up as a
    // row count below the expected one instead of passing silently.
    private static final String UPDATE_WALLETS = """
            UPDATE wallets AS w
            SET balance_cents = u.balance_cents, last_sequence = u.last_sequence, updated_at = :now
            FROM unnest(:walletIds::text[], :balances::bigint[], :lastSequences::bigint[],
                        :lockedSequences::bigint[]) AS u (wallet_id, balance_cents, last_sequence, locked_sequence)
            WHERE w.wallet_id = u.wallet_id AND w.last_sequence = u.locked_sequence""";

    // ON CONFLICT without a target skips a row that any unique constraint or index refuses: an
    // event id, a place or a reference already stored, or a second rollback of an original.
    private static final String INSERT_TRANSACTIONS = """
            INSERT INTO transactions (wallet_id, sequence, event_id, kind, outcome, reference, amount_cents,
                                      delta_cents, balance_after_cents, occurred_at, round_id, closes_round,
                                      metadata, original_reference, rollback_effect, original_outcome,
                                      refusal_code, shown_balance_cents, persisted_at)
            SELECT u.wallet_id, u.sequence, u.event_id, u.kind, u.outcome, u.reference, u.amount_cents,
                   u.delta_cents, u.balance_after_cents, u.occurred_at, u.round_id, u.closes_round,
                   u.metadata::jsonb, u.original_reference, u.rollback_effect, u.original_outcome,
                   u.refusal_code, u.shown_balance_cents, :now
            FROM unnest(:walletIds::text[], :sequences::bigint[], :eventIds::uuid[], :kinds::text[],
                        :outcomes::text[], :references::text[], :amounts::bigint[], :deltas::bigint[],
                        :balancesAfter::bigint[], :occurredAt::timestamptz[], :roundIds::text[],
                        :closesRounds::boolean[], :metadata::text[], :originalReferences::text[],
                        :rollbackEffects::text[], :originalOutcomes::text[], :refusalCodes::text[],
                        :shownBalances::bigint[])
                 AS u (wallet_id, sequence, event_id, kind, outcome, reference, amount_cents, delta_cents,
                       balance_after_cents, occurred_at, round_id, closes_round, metadata, original_reference,
                       rollback_effect, original_outcome, refusal_code, shown_balance_cents)
            ON CONFLICT DO NOTHING
            RETURNING event_id""";

    private static final String UPSERT_POSITIONS = """
            INSERT INTO consumer_positions (partition, message_id, updated_at)
            SELECT p.partition, p.message_id, :now
            FROM unnest(:partitions::text[], :messageIds::bytea[]) AS p (partition, message_id)
            ON CONFLICT (partition) DO UPDATE SET message_id = EXCLUDED.message_id, updated_at = EXCLUDED.updated_at""";

    private BatchStatements() {}

    /** Locks the existing wallets among these, in id order so that two writers cannot deadlock. */
    static Map<WalletId, StoredWallet> lockWallets(Handle handle, Collection<WalletId> walletIds) {
        return handle.createQuery(LOCK_WALLETS)
                .bind("walletIds", walletIds.stream().map(WalletId::value).toArray(String[]::new))
                .map((row, context) -> new StoredWallet(WalletId.of(row.getString("wallet_id")),
                        row.getLong("balance_cents"), row.getLong("last_sequence")))
                .collect(Collectors.toMap(StoredWallet::walletId, Function.identity()));
    }

    /** Reads the rows stored at the wallet and sequence of each of these events. */
    static List<TransactionRow> storedEventsAt(Handle handle, List<WalletEvent> events) {
        return handle.createQuery(STORED_EVENTS_AT)
                .bind("walletIds", events.stream().map(e -> e.walletId().value()).toArray(String[]::new))
                .bind("sequences", events.stream().mapToLong(WalletEvent::sequence).toArray())
                .map((row, context) -> StoredTransactions.read(row))
                .list();
    }

    /** Inserts new wallets, skipping any that exist; returns how many were inserted. */
    static int insertWallets(Handle handle, List<WalletRow> wallets, Instant now) {
        return handle.createUpdate(INSERT_WALLETS)
                .bind("walletIds", wallets.stream().map(WalletRow::walletId).toArray(String[]::new))
                .bind("balances", wallets.stream().mapToLong(WalletRow::balanceCents).toArray())
                .bind("lastSequences", wallets.stream().mapToLong(WalletRow::lastSequence).toArray())
                .bind("openedAt", wallets.stream().map(WalletRow::openedAt).toArray(Instant[]::new))
                .bind("now", now)
                .execute();
    }

    /** Updates locked wallets that still hold their locked sequence; returns how many were updated. */
    static int updateWallets(Handle handle, List<WalletRow> wallets, Instant now) {
        return handle.createUpdate(UPDATE_WALLETS)
                .bind("walletIds", wallets.stream().map(WalletRow::walletId).toArray(String[]::new))
                .bind("balances", wallets.stream().mapToLong(WalletRow::balanceCents).toArray())
                .bind("lastSequences", wallets.stream().mapToLong(WalletRow::lastSequence).toArray())
                .bind("lockedSequences", wallets.stream().mapToLong(WalletRow::lockedSequence).toArray())
                .bind("now", now)
                .execute();
    }

    /** Inserts transactions, skipping any that conflict with a stored row; returns the inserted ids. */
    static Set<UUID> insertTransactions(Handle handle, List<TransactionRow> rows, Instant now) {
        List<EventIdentity> events = rows.stream().map(TransactionRow::identity).toList();
        return handle.createQuery(INSERT_TRANSACTIONS)
                .bind("walletIds", column(events, EventIdentity::walletId, String[]::new))
                .bind("sequences", events.stream().mapToLong(EventIdentity::sequence).toArray())
                .bind("eventIds", column(events, EventIdentity::eventId, UUID[]::new))
                .bind("kinds", column(events, event -> event.kind().name(), String[]::new))
                .bind("outcomes", column(events, event -> event.outcome().name(), String[]::new))
                .bind("references", column(events, EventIdentity::reference, String[]::new))
                .bind("amounts", events.stream().mapToLong(EventIdentity::amountCents).toArray())
                .bind("deltas", events.stream().mapToLong(EventIdentity::deltaCents).toArray())
                .bind("balancesAfter", rows.stream().mapToLong(TransactionRow::balanceAfterCents).toArray())
                .bind("occurredAt", column(rows, TransactionRow::occurredAt, Instant[]::new))
                .bind("roundIds", column(events, EventIdentity::roundId, String[]::new))
                .bind("closesRounds", column(events, EventIdentity::closesRound, Boolean[]::new))
                .bind("metadata", column(events, event -> MetadataJson.encode(event.metadata()), String[]::new))
                .bind("originalReferences", column(events, EventIdentity::originalReference, String[]::new))
                .bind("rollbackEffects", column(events, event -> nameOrNull(event.rollbackEffect()), String[]::new))
                .bind("originalOutcomes", column(events, event -> nameOrNull(event.originalOutcome()), String[]::new))
                .bind("refusalCodes", column(events, event -> nameOrNull(event.refusalCode()), String[]::new))
                .bind("shownBalances", column(events, EventIdentity::shownBalanceCents, Long[]::new))
                .bind("now", now)
                .mapTo(UUID.class)
                .set();
    }

    /** Stores each partition's position, replacing the one stored; returns how many rows were written. */
    static int storePositions(Handle handle, Collection<LogPosition> positions, Instant now) {
        byte[][] messageIds = positions.stream().map(LogPosition::position).toArray(byte[][]::new);
        return handle.createUpdate(UPSERT_POSITIONS)
                .bind("partitions", positions.stream().map(LogPosition::partition).toArray(String[]::new))
                .bind("messageIds", byteaArray(messageIds))
                .bind("now", now)
                .execute();
    }

    /** Jdbi has no array type for byte arrays; PgJDBC builds a {@code bytea[]} from them. */
    private static Argument byteaArray(byte[][] values) {
        return (position, statement, context) ->
                statement.setArray(position, statement.getConnection().createArrayOf("bytea", values));
    }

    private static <T, C> C[] column(List<T> rows, Function<T, C> value, IntFunction<C[]> array) {
        return rows.stream().map(value).toArray(array);
    }

    private static String nameOrNull(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
