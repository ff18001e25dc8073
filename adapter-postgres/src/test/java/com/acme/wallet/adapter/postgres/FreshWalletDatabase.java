package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.testsupport.TestPostgres;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a fresh, migrated wallet database on a real PostgreSQL, and reads its tables
 * back directly, around the adapters, for assertions.
 */
final class FreshWalletDatabase implements BeforeEachCallback, AfterEachCallback {

    private TestPostgres postgres;
    private PostgresDatabase database;

    @Override
    public void beforeEach(ExtensionContext context) {
        postgres = TestPostgres.freshDatabase();
        database = PostgresDatabase.open(settings());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            postgres.close();
        }
    }

    PostgresSettings settings() {
        return PostgresSettings.of(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    Jdbi jdbi() {
        return database.jdbi();
    }

    List<StoredTransaction> transactions() {
        return jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT wallet_id, sequence, kind, reference, amount_cents, balance_after_cents
                        FROM transactions ORDER BY wallet_id, sequence""")
                .map((row, context) -> new StoredTransaction(row.getString("wallet_id"), row.getLong("sequence"),
                        row.getString("kind"), row.getString("reference"), row.getLong("amount_cents"),
                        row.getLong("balance_after_cents")))
                .list());
    }

    /** {@return every row of {@code transactions}, whole, by wallet and sequence} */
    List<TransactionRow> rows() {
        return jdbi().withHandle(handle -> handle.createQuery("SELECT " + StoredTransactions.COLUMNS
                        + " FROM transactions t ORDER BY t.wallet_id, t.sequence")
                .map((row, context) -> StoredTransactions.read(row))
                .list());
    }

    /** {@return the event each row of {@code transactions} reads back as, by wallet and sequence} */
    List<WalletEvent> events() {
        return rows().stream().map(TransactionMapping::event).toList();
    }

    List<StoredWalletRow> wallets() {
        return jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT wallet_id, balance_cents, last_sequence, updated_at::text AS updated_at
                        FROM wallets ORDER BY wallet_id""")
                .map((row, context) -> new StoredWalletRow(row.getString("wallet_id"), row.getLong("balance_cents"),
                        row.getLong("last_sequence"), row.getString("updated_at")))
                .list());
    }

    /** Positions as hex, so that they compare by content. */
    List<String> positions() {
        return jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT partition || '@' || encode(message_id, 'hex') FROM consumer_positions
                        ORDER BY partition""")
                .mapTo(String.class)
                .list());
    }

    /** One row of {@code transactions}, as the tests compare them. */
    record StoredTransaction(String walletId, long sequence, String kind, String reference, long amountCents,
            long balanceAfterCents) {}

    /** One row of {@code wallets}, as the tests compare them. */
    record StoredWalletRow(String walletId, long balanceCents, long lastSequence, String updatedAt) {}
}
