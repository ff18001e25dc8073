package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMigrationsIT {

    private static final String CHECK_VIOLATION = "23514";
    private static final String UNIQUE_VIOLATION = "23505";

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    @Test
    void migrations_create_the_schema_on_an_empty_database() {
        List<String> tables = database.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                        ORDER BY table_name""").mapTo(String.class).list());

        assertThat(tables).containsExactly("consumer_positions", "transactions", "wallets");
        assertThat(appliedVersions()).isEqualTo(1);
    }

    @Test
    void opening_a_migrated_database_again_applies_nothing() {
        try (PostgresDatabase again = PostgresDatabase.open(database.settings())) {
            int answer = again.jdbi().withHandle(handle -> handle.select("SELECT 1").mapTo(Integer.class).one());
            assertThat(answer).isEqualTo(1);
        }

        assertThat(appliedVersions()).isEqualTo(1);
    }

    @Test
    void every_connection_of_the_pool_carries_the_statement_timeout() {
        String timeout = database.jdbi().withHandle(handle -> handle.select("SHOW statement_timeout")
                .mapTo(String.class).one());

        assertThat(timeout).isEqualTo("30s");
    }

    @Test
    void the_schema_refuses_a_negative_balance_written_directly() {
        database.jdbi().useHandle(handle -> insertWallet(handle, "alice", 0));

        assertThat(sqlStateOf(handle -> insertWallet(handle, "bob", -1))).isEqualTo(CHECK_VIOLATION);
        assertThat(sqlStateOf(handle -> handle.execute("UPDATE wallets SET balance_cents = -1"))).isEqualTo(
                CHECK_VIOLATION);
    }

    @Test
    void the_schema_refuses_a_reference_used_twice_on_one_wallet() {
        database.jdbi().useHandle(handle -> {
            insertWallet(handle, "alice", 10);
            insertTransaction(handle, 2, "ADD", "won-1");
        });

        assertThat(sqlStateOf(handle -> insertTransaction(handle, 3, "ADD", "won-1"))).isEqualTo(UNIQUE_VIOLATION);
    }

    @Test
    void the_schema_refuses_a_change_without_a_reference() {
        database.jdbi().useHandle(handle -> insertWallet(handle, "alice", 10));

        assertThat(sqlStateOf(handle -> insertTransaction(handle, 2, "ADD", null))).isEqualTo(CHECK_VIOLATION);
    }

    private int appliedVersions() {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                .mapTo(Integer.class).one());
    }

    private String sqlStateOf(Consumer<Handle> statement) {
        Throwable failure = catchThrowable(() -> database.jdbi().useHandle(statement::accept));
        assertThat(failure).isInstanceOf(UnableToExecuteStatementException.class);
        return ((SQLException) failure.getCause()).getSQLState();
    }

    private static void insertWallet(Handle handle, String walletId, long balanceCents) {
        handle.execute("INSERT INTO wallets VALUES (?, ?, 1, now(), now())", walletId, balanceCents);
    }

    private static void insertTransaction(Handle handle, long sequence, String kind, String reference) {
        handle.execute("""
                INSERT INTO transactions VALUES ('alice', ?, gen_random_uuid(), ?, ?, 5, 15, now(), now())""",
                sequence, kind, reference);
    }
}
