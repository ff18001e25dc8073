package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.LogPosition;
import com.acme.wallet.domain.LogPositions;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.port.LoadSnapshotPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Loads the persisted wallets and the log positions they include, for the REST API to start from.
 *
 * <p>Positions and wallets are read in one read-only REPEATABLE READ transaction, so they come
 * from one snapshot of the database: the wallets hold exactly the events up to those positions,
 * even while the batch consumer keeps writing. Each wallet comes with every change ever applied
 * to it and the balance that change left, which the service needs to answer a retried reference
 * with its original result. Rows are streamed {@value #FETCH_SIZE} at a time and each wallet is
 * handed over as soon as it is complete, so memory holds one wallet's history, not the table.
 */
public final class JdbiWalletSnapshots implements LoadSnapshotPort {

    /** Rows fetched per round trip while streaming. */
    public static final int FETCH_SIZE = 1_000;

    private static final String POSITIONS = "SELECT partition, message_id FROM consumer_positions ORDER BY partition";

    // A LEFT JOIN so that a wallet without transactions shows up, and fails the load, instead of
    // silently going missing.
    private static final String WALLETS = """
            SELECT w.wallet_id, w.balance_cents, w.last_sequence, t.sequence, t.event_id, t.kind,
                   t.reference, t.amount_cents, t.balance_after_cents, t.occurred_at
            FROM wallets w
            LEFT JOIN transactions t ON t.wallet_id = w.wallet_id
            %s
            ORDER BY w.wallet_id, t.sequence""";

    private final Jdbi jdbi;

    /**
     * Creates the loader.
     *
     * @param jdbi the wallet database, migrated
     */
    public JdbiWalletSnapshots(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if a stored wallet's balance, transactions and sequence disagree
     */
    @Override
    public LogPositions loadAll(Consumer<Wallet> sink) {
        return read(WALLETS.formatted(""), UnaryOperator.identity(), sink);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the stored wallet's balance, transactions and sequence disagree
     */
    @Override
    public LogPositions load(WalletId id, Consumer<Wallet> sink) {
        Objects.requireNonNull(id, "id");
        return read(WALLETS.formatted("WHERE w.wallet_id = :walletId"), query -> query.bind("walletId", id.value()),
                sink);
    }

    private LogPositions read(String walletsSql, UnaryOperator<Query> binder, Consumer<Wallet> sink) {
        Objects.requireNonNull(sink, "sink");
        return jdbi.withHandle(handle -> {
            // Read-only must be set outside a transaction; the pool resets it when the handle closes.
            handle.setReadOnly(true);
            return handle.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, transaction -> {
                LogPositions positions = positions(transaction);
                streamWallets(transaction, binder.apply(transaction.createQuery(walletsSql)), sink);
                return positions;
            });
        });
    }

    /** The stored positions; also {@link JdbiPersistedHistory}'s, so both read them one way. */
    static LogPositions positions(Handle handle) {
        return LogPositions.of(handle.createQuery(POSITIONS)
                .map((row, context) -> new LogPosition(row.getString("partition"), row.getBytes("message_id")))
                .list());
    }

    private static void streamWallets(Handle handle, Query query, Consumer<Wallet> sink) {
        SnapshotWalletAssembler assembler = new SnapshotWalletAssembler(sink);
        query.setFetchSize(FETCH_SIZE)
                .map((row, context) -> snapshotRow(row))
                .forEach(assembler::accept);
        assembler.finish();
    }

    private static SnapshotRow snapshotRow(ResultSet row) throws SQLException {
        String walletId = row.getString("wallet_id");
        long sequence = row.getLong("sequence");
        TransactionRow transaction = row.wasNull() ? null : new TransactionRow(walletId, sequence,
                row.getObject("event_id", UUID.class), TransactionKind.valueOf(row.getString("kind")),
                row.getString("reference"), row.getLong("amount_cents"), row.getLong("balance_after_cents"),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant());
        return new SnapshotRow(walletId, row.getLong("balance_cents"), row.getLong("last_sequence"), transaction);
    }
}
