package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RollbackEffect.OriginalOutcome;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads whole rows of {@code transactions}, for the event store's check of redelivered events and
 * for recalling entries: one select list and one reader, so that both read a row alike.
 */
final class StoredTransactions {

    /**
     * The columns {@link #read} takes, of {@code transactions} named {@code t}. Metadata comes as
     * two arrays of keys and values in one order, read with PostgreSQL's own JSON parser.
     */
    static final String COLUMNS = """
            t.wallet_id, t.sequence, t.event_id, t.kind, t.outcome, t.reference, t.amount_cents, t.delta_cents,
            t.balance_after_cents, t.occurred_at, t.round_id, t.closes_round, t.original_reference,
            t.rollback_effect, t.original_outcome, t.refusal_code, t.shown_balance_cents,
            t.metadata IS NOT NULL AS has_metadata,
            ARRAY(SELECT key FROM jsonb_each_text(t.metadata) ORDER BY key COLLATE "C") AS metadata_keys,
            ARRAY(SELECT value FROM jsonb_each_text(t.metadata) ORDER BY key COLLATE "C") AS metadata_values""";

    private StoredTransactions() {}

    /** Reads the row at the result set's cursor, selected with {@link #COLUMNS}. */
    static TransactionRow read(ResultSet row) throws SQLException {
        EventIdentity identity = new EventIdentity(
                row.getString("wallet_id"),
                row.getLong("sequence"),
                row.getObject("event_id", UUID.class),
                TransactionKind.valueOf(row.getString("kind")),
                TransactionOutcome.valueOf(row.getString("outcome")),
                row.getString("reference"),
                row.getLong("amount_cents"),
                row.getLong("delta_cents"),
                row.getString("round_id"),
                row.getObject("closes_round", Boolean.class),
                row.getBoolean("has_metadata") ? metadata(row) : null,
                row.getString("original_reference"),
                enumOrNull(StoredRollbackEffect.class, row.getString("rollback_effect")),
                enumOrNull(OriginalOutcome.class, row.getString("original_outcome")),
                enumOrNull(RefusalCode.class, row.getString("refusal_code")),
                row.getObject("shown_balance_cents", Long.class));
        return new TransactionRow(identity, row.getLong("balance_after_cents"),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant());
    }

    private static Metadata metadata(ResultSet row) throws SQLException {
        String[] keys = strings(row.getArray("metadata_keys"));
        String[] values = strings(row.getArray("metadata_values"));
        if (keys.length != values.length) {
            throw new IllegalStateException("metadata read as " + keys.length + " keys and " + values.length
                    + " values");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            entries.put(keys[i], values[i]);
        }
        return Metadata.of(entries);
    }

    private static String[] strings(Array array) throws SQLException {
        try {
            return (String[]) array.getArray();
        } finally {
            array.free();
        }
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
