package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.LoadSnapshotPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Loads the persisted wallets and the log positions they include, for the REST API to start from.
 *
 * <p>Positions and wallets are read in one read-only REPEATABLE READ transaction, so they come
 * from one snapshot of the database: the wallets hold exactly the events up to those positions,
 * even while the batch consumer keeps writing. Each wallet is loaded as its balance and last
 * sequence only ({@link Wallet#atBalance}): its history stays in the database, where
 * {@link JdbiStoredChanges} looks a reference up when a client names one the service does not
 * hold in memory. Rows are streamed {@value #FETCH_SIZE} at a time.
 */
public final class JdbiWalletSnapshots implements LoadSnapshotPort {

    /** Rows fetched per round trip while streaming. */
    public static final int FETCH_SIZE = 10_000;

    private static final String POSITIONS = "SELECT partition, message_id FROM consumer_positions ORDER BY partition";

    private static final String WALLETS = "SELECT wallet_id, balance_cents, last_sequence FROM wallets";

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
     * @throws IllegalStateException if a stored wallet breaks a money rule (a negative balance)
     */
    @Override
    public LogPositions loadAll(Consumer<Wallet> sink) {
        Objects.requireNonNull(sink, "sink");
        return jdbi.withHandle(handle -> {
            // Read-only must be set outside a transaction; the pool resets it when the handle closes.
            handle.setReadOnly(true);
            return handle.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, transaction -> {
                LogPositions positions = positions(transaction);
                transaction.createQuery(WALLETS)
                        .setFetchSize(FETCH_SIZE)
                        .map((row, context) -> Wallet.atBalance(WalletId.of(row.getString("wallet_id")),
                                row.getLong("balance_cents"), row.getLong("last_sequence")))
                        .forEach(sink);
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
}
