package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import com.acme.wallet.testsupport.TestPostgres;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PostgresMigrationsIT {

    private static final String CHECK_VIOLATION = "23514";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String NOT_NULL_VIOLATION = "23502";
    private static final int MIGRATIONS = 2;

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    @Test
    void migrations_create_the_schema_on_an_empty_database() {
        List<String> tables = database.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                        ORDER BY table_name""").mapTo(String.class).list());

        assertThat(tables).containsExactly("consumer_positions", "transactions", "wallets");
        assertThat(appliedVersions()).isEqualTo(MIGRATIONS);
    }

    @Test
    void opening_a_migrated_database_again_applies_nothing() {
        try (PostgresDatabase again = PostgresDatabase.open(database.settings())) {
            int answer = again.jdbi().withHandle(handle -> handle.select("SELECT 1").mapTo(Integer.class).one());
            assertThat(answer).isEqualTo(1);
        }

        assertThat(appliedVersions()).isEqualTo(MIGRATIONS);
    }

    @Test
    void every_connection_of_the_pool_carries_the_statement_timeout() {
        String timeout = database.jdbi().withHandle(handle -> handle.select("SHOW statement_timeout")
                .mapTo(String.class).one());

        assertThat(timeout).isEqualTo("30s");
    }

    @Test
    void the_second_migration_keeps_every_v1_row_as_an_applied_change_whose_delta_is_its_signed_amount() {
        try (TestPostgres postgres = TestPostgres.freshDatabase()) {
            PostgresSettings settings = PostgresSettings.of(postgres.jdbcUrl(), postgres.user(), postgres.password());
            Flyway.configure().dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                    .locations("classpath:db/migration").target("1").load().migrate();
            UUID opening = UUID.randomUUID();
            UUID added = UUID.randomUUID();
            UUID removed = UUID.randomUUID();
            Instant at = Instant.parse("2025-01-01T00:00:00.123456Z");
            Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password()).useHandle(handle -> {
                handle.execute("INSERT INTO wallets VALUES ('alice', 1030, 3, ?, ?)", at, at);
                handle.execute("INSERT INTO transactions VALUES ('alice', 1, ?, 'OPEN', NULL, 1000, 1000, ?, ?)",
                        opening, at, at);
                handle.execute("INSERT INTO transactions VALUES ('alice', 2, ?, 'ADD', 'won-1', 50, 1050, ?, ?)",
                        added, at, at);
                handle.execute("INSERT INTO transactions VALUES ('alice', 3, ?, 'REMOVE', 'bet-1', 20, 1030, ?, ?)",
                        removed, at, at);
            });

            try (PostgresDatabase v2 = PostgresDatabase.open(settings)) {
                List<String> rows = v2.jdbi().withHandle(handle -> handle.createQuery("""
                                SELECT concat_ws(' ', kind, outcome, amount_cents, delta_cents, balance_after_cents,
                                                 num_nulls(round_id, closes_round, metadata, original_reference,
                                                           rollback_effect, original_outcome, refusal_code,
                                                           shown_balance_cents))
                                FROM transactions ORDER BY sequence""").mapTo(String.class).list());

                assertThat(rows).containsExactly("OPEN APPLIED 1000 1000 1000 8", "ADD APPLIED 50 50 1050 8",
                        "REMOVE APPLIED 20 -20 1030 8");
                assertThat(new JdbiLedgerQueries(v2.jdbi()).balancesDisagreeingWithTransactions()).isEmpty();
                List<WalletEvent> events = v2.jdbi().withHandle(handle -> handle.createQuery("SELECT "
                                + StoredTransactions.COLUMNS + " FROM transactions t ORDER BY t.sequence")
                        .map((row, context) -> TransactionMapping.event(StoredTransactions.read(row))).list());
                WalletId alice = WalletId.of("alice");
                assertThat(events).containsExactly(
                        new WalletOpened(opening, alice, 1, Amount.ofCents(1_000), at),
                        new FundsChanged(added, alice, 2, FundsOperation.ADD, Amount.positive(50),
                                Reference.of("won-1"), at),
                        new FundsChanged(removed, alice, 3, FundsOperation.REMOVE, Amount.positive(20),
                                Reference.of("bet-1"), at));
            }
        }
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
            Row.add(2, "won-1").insert(handle);
        });

        assertThat(sqlStateOf(handle -> Row.add(3, "won-1").insert(handle))).isEqualTo(UNIQUE_VIOLATION);
        assertThat(sqlStateOf(handle -> Row.bet(3, "won-1").insert(handle))).isEqualTo(UNIQUE_VIOLATION);
    }

    @Test
    void the_schema_refuses_a_change_without_a_reference() {
        database.jdbi().useHandle(handle -> insertWallet(handle, "alice", 10));

        assertThat(sqlStateOf(handle -> Row.add(2, null).insert(handle))).isEqualTo(CHECK_VIOLATION);
    }

    @Test
    void every_kind_of_row_the_consumer_writes_is_accepted() {
        database.jdbi().useHandle(handle -> {
            insertWallet(handle, "alice", 10);
            validRows().forEach(row -> row.insert(handle));
        });

        assertThat(database.rows()).hasSize(validRows().size());
    }

    static Stream<Arguments> rowsBreakingARule() {
        return Stream.of(
                broken("a bet without a round", Row.bet(2, "b").with("round_id", "NULL"), "transactions_round_id_check"),
                broken("a funds change with a round", Row.add(2, "a").with("round_id", "'r-1'"),
                        "transactions_round_id_check"),
                broken("a refund without its round", Row.refund(2, "rb", "b").with("round_id", "NULL"),
                        "transactions_round_id_check"),
                broken("a bet without metadata", Row.bet(2, "b").with("metadata", "NULL"),
                        "transactions_leg_columns_check"),
                broken("a bet that does not say whether it closes its round", Row.bet(2, "b").with("closes_round", "NULL"),
                        "transactions_leg_columns_check"),
                broken("a rollback with metadata", Row.refund(2, "rb", "b").with("metadata", "'{}'"),
                        "transactions_leg_columns_check"),
                broken("metadata that is not an object", Row.bet(2, "b").with("metadata", "'[]'"),
                        "transactions_metadata_check"),
                broken("metadata with a value that is not a string", Row.bet(2, "b").with("metadata", "'{\"a\": 1}'"),
                        "transactions_metadata_check"),
                broken("a bet that adds its stake", Row.bet(2, "b").with("delta_cents", "5"), "transactions_delta_check"),
                broken("a refund that takes its stake", Row.refund(2, "rb", "b").with("delta_cents", "-5"),
                        "transactions_delta_check"),
                broken("a refusal that moves money", Row.refusedBet(2, "b").with("delta_cents", "-5"),
                        "transactions_delta_check"),
                broken("a tombstone that moves money", Row.tombstone(2, "rb", "b").with("delta_cents", "5"),
                        "transactions_delta_check"),
                broken("a bet of nothing", Row.bet(2, "b").with("amount_cents", "0").with("delta_cents", "0"),
                        "transactions_amount_check"),
                broken("a refused rollback with an amount", Row.refusedRollback(2, "rb", "b").with("amount_cents", "5"),
                        "transactions_amount_check"),
                broken("nothing rolled back with an amount", Row.rollbackOfRefused(2, "rb", "b")
                        .with("amount_cents", "5"), "transactions_amount_check"),
                broken("a refusal without its code", Row.refusedBet(2, "b").with("refusal_code", "NULL"),
                        "transactions_refusal_check"),
                broken("a refusal without the balance it showed", Row.refusedBet(2, "b")
                        .with("shown_balance_cents", "NULL"), "transactions_refusal_check"),
                broken("a refusal that showed a negative balance", Row.refusedBet(2, "b")
                        .with("shown_balance_cents", "-1"), "transactions_refusal_check"),
                broken("a refusal code the service does not know", Row.refusedBet(2, "b")
                        .with("refusal_code", "'TOO_LATE'"), "transactions_refusal_check"),
                broken("an applied bet with a refusal code", Row.bet(2, "b").with("refusal_code", "'ROUND_CLOSED'"),
                        "transactions_refusal_check"),
                broken("a refused opening", Row.opening().with("outcome", "'REJECTED'").with("delta_cents", "0")
                        .with("refusal_code", "'ROUND_CLOSED'").with("shown_balance_cents", "0"),
                        "transactions_opening_applied_check"),
                broken("a rollback naming itself", Row.refund(2, "rb", "rb"), "transactions_original_reference_check"),
                broken("a rollback without its original", Row.refund(2, "rb", "b").with("original_reference", "NULL"),
                        "transactions_original_reference_check"),
                broken("a bet naming an original", Row.bet(2, "b").with("original_reference", "'x'"),
                        "transactions_original_reference_check"),
                broken("an applied rollback without its effect", Row.refund(2, "rb", "b").with("rollback_effect", "NULL")
                        .with("round_id", "NULL").with("delta_cents", "0").with("amount_cents", "0"),
                        "transactions_rollback_effect_check"),
                broken("a refused rollback with an effect", Row.refusedRollback(2, "rb", "b")
                        .with("rollback_effect", "'NOTHING_TO_ROLL_BACK'").with("original_outcome", "'REJECTED'"),
                        "transactions_rollback_effect_check"),
                broken("an effect the service does not know", Row.rollbackOfRefused(2, "rb", "b")
                        .with("rollback_effect", "'UNDO'").with("original_outcome", "NULL"),
                        "transactions_rollback_effect_check"),
                broken("nothing rolled back without what was known of the original", Row.rollbackOfRefused(2, "rb", "b")
                        .with("original_outcome", "NULL"), "transactions_original_outcome_check"),
                broken("a refund with an original outcome", Row.refund(2, "rb", "b")
                        .with("original_outcome", "'REJECTED'"), "transactions_original_outcome_check"),
                broken("a rollback of an unknown original stored as applied", Row.rollbackOfRefused(2, "rb", "b")
                        .with("original_outcome", "'UNKNOWN'"), "transactions_tombstone_check"),
                broken("a tombstone of a refused original", Row.tombstone(2, "rb", "b")
                        .with("original_outcome", "'REJECTED'"), "transactions_tombstone_check"),
                broken("a tombstone that is no rollback", Row.bet(2, "b").with("outcome", "'TOMBSTONE'")
                        .with("delta_cents", "0"), "transactions_tombstone_check"),
                broken("an outcome the service does not know", Row.add(2, "a").with("outcome", "'PENDING'")
                        .with("delta_cents", "0"), "transactions_outcome_check"),
                broken("a kind the service does not know", Row.add(2, "a").with("kind", "'BONUS'")
                        .with("delta_cents", "0"), "transactions_kind_check"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowsBreakingARule")
    void the_schema_refuses_a_row_that_breaks_a_rule(String rule, Row row, String constraint) {
        database.jdbi().useHandle(handle -> insertWallet(handle, "alice", 10));

        Throwable failure = failureOf(row::insert);

        assertThat(sqlState(failure)).isEqualTo(CHECK_VIOLATION);
        assertThat(failure.getCause()).hasMessageContaining("\"" + constraint + "\"");
    }

    @Test
    void the_schema_refuses_a_row_without_an_outcome() {
        database.jdbi().useHandle(handle -> insertWallet(handle, "alice", 10));

        Throwable failure = failureOf(Row.add(2, "a").with("outcome", null)::insert);

        assertThat(sqlState(failure)).isEqualTo(NOT_NULL_VIOLATION);
        assertThat(failure.getCause()).hasMessageContaining("\"outcome\"");
    }

    @Test
    void the_schema_refuses_a_second_applied_rollback_of_an_original_but_keeps_refused_ones() {
        database.jdbi().useHandle(handle -> {
            insertWallet(handle, "alice", 10);
            insertWallet(handle, "bob", 10);
            Row.refund(2, "rb-1", "bet-1").insert(handle);
            Row.refusedRollback(3, "rb-2", "bet-1").insert(handle);
            Row.tombstone(2, "rb-1", "bet-1").in("bob").insert(handle);
        });

        Throwable secondRefund = failureOf(Row.refund(4, "rb-3", "bet-1")::insert);
        Throwable refundAfterTombstone = failureOf(Row.refund(3, "rb-3", "bet-1").in("bob")::insert);
        Throwable nothingAfterRefund = failureOf(Row.rollbackOfRefused(4, "rb-3", "bet-1")::insert);

        assertThat(List.of(secondRefund, refundAfterTombstone, nothingAfterRefund)).allSatisfy(failure -> {
            assertThat(sqlState(failure)).isEqualTo(UNIQUE_VIOLATION);
            assertThat(failure.getCause()).hasMessageContaining("\"transactions_one_rollback_per_original\"");
        });
        assertThat(database.rows()).hasSize(3);
    }

    /** One of every kind of row, each valid, in one wallet. */
    private static List<Row> validRows() {
        return List.of(Row.opening(), Row.add(2, "a"), Row.add(3, "r").with("kind", "'REMOVE'").with("delta_cents", "-5"),
                Row.bet(4, "b"), Row.bet(5, "w").with("kind", "'WIN'").with("amount_cents", "0").with("delta_cents", "0"),
                Row.refusedBet(6, "rb"), Row.refund(7, "rf", "b"), Row.refund(8, "rc", "w")
                        .with("rollback_effect", "'RECLAIM_WIN'").with("delta_cents", "-5"),
                Row.rollbackOfRefused(9, "rr", "rb"), Row.tombstone(10, "rt", "never"),
                Row.refusedRollback(11, "rx", "b"),
                Row.add(12, "ra").with("outcome", "'REJECTED'").with("delta_cents", "0")
                        .with("refusal_code", "'BALANCE_LIMIT_EXCEEDED'").with("shown_balance_cents", "10"));
    }

    private static Arguments broken(String rule, Row row, String constraint) {
        return Arguments.of(rule, row, constraint);
    }

    private int appliedVersions() {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                .mapTo(Integer.class).one());
    }

    private String sqlStateOf(Consumer<Handle> statement) {
        return sqlState(failureOf(statement));
    }

    private Throwable failureOf(Consumer<Handle> statement) {
        Throwable failure = catchThrowable(() -> database.jdbi().useHandle(statement::accept));
        assertThat(failure).isInstanceOf(UnableToExecuteStatementException.class);
        return failure;
    }

    private static String sqlState(Throwable failure) {
        return ((SQLException) failure.getCause()).getSQLState();
    }

    private static void insertWallet(Handle handle, String walletId, long balanceCents) {
        handle.execute("INSERT INTO wallets VALUES (?, ?, 1, now(), now())", walletId, balanceCents);
    }

    /**
     * A row of {@code transactions} written directly, around the adapters, as SQL literals by
     * column: a valid row of each kind, and {@link #with} to break one rule of it.
     */
    static final class Row {

        private final Map<String, String> columns;

        private Row(Map<String, String> columns) {
            this.columns = columns;
        }

        private Row(long sequence, String kind, String outcome, String reference, long amountCents, long deltaCents) {
            columns = new LinkedHashMap<>();
            columns.put("wallet_id", "'alice'");
            columns.put("sequence", Long.toString(sequence));
            columns.put("event_id", "gen_random_uuid()");
            columns.put("kind", "'" + kind + "'");
            columns.put("outcome", "'" + outcome + "'");
            columns.put("reference", reference == null ? "NULL" : "'" + reference + "'");
            columns.put("amount_cents", Long.toString(amountCents));
            columns.put("delta_cents", Long.toString(deltaCents));
            columns.put("balance_after_cents", "15");
            columns.put("occurred_at", "now()");
            columns.put("persisted_at", "now()");
        }

        static Row opening() {
            return new Row(1, "OPEN", "APPLIED", null, 10, 10);
        }

        static Row add(long sequence, String reference) {
            return new Row(sequence, "ADD", "APPLIED", reference, 5, 5);
        }

        static Row bet(long sequence, String reference) {
            return new Row(sequence, "BET", "APPLIED", reference, 5, -5).with("round_id", "'r-1'")
                    .with("closes_round", "false").with("metadata", "'{\"game\": \"x\"}'");
        }

        static Row refusedBet(long sequence, String reference) {
            return bet(sequence, reference).with("outcome", "'REJECTED'").with("delta_cents", "0")
                    .with("refusal_code", "'INSUFFICIENT_FUNDS'").with("shown_balance_cents", "3");
        }

        static Row refund(long sequence, String reference, String original) {
            return new Row(sequence, "ROLLBACK", "APPLIED", reference, 5, 5).with("original_reference", "'" + original + "'")
                    .with("rollback_effect", "'REFUND_BET'").with("round_id", "'r-1'");
        }

        static Row rollbackOfRefused(long sequence, String reference, String original) {
            return new Row(sequence, "ROLLBACK", "APPLIED", reference, 0, 0).with("original_reference", "'" + original + "'")
                    .with("rollback_effect", "'NOTHING_TO_ROLL_BACK'").with("original_outcome", "'REJECTED'");
        }

        static Row tombstone(long sequence, String reference, String original) {
            return rollbackOfRefused(sequence, reference, original).with("outcome", "'TOMBSTONE'")
                    .with("original_outcome", "'UNKNOWN'");
        }

        static Row refusedRollback(long sequence, String reference, String original) {
            return new Row(sequence, "ROLLBACK", "REJECTED", reference, 0, 0).with("original_reference", "'" + original + "'")
                    .with("refusal_code", "'ALREADY_ROLLED_BACK'").with("shown_balance_cents", "10");
        }

        /** The same row with one column's SQL literal replaced; null leaves the column out. */
        Row with(String column, String literal) {
            Row changed = new Row(new LinkedHashMap<>(columns));
            if (literal == null) {
                changed.columns.remove(column);
            } else {
                changed.columns.put(column, literal);
            }
            return changed;
        }

        /** {@return how the row moves the balance, for a test that writes a consistent running sum} */
        long deltaCents() {
            return Long.parseLong(columns.get("delta_cents"));
        }

        Row in(String walletId) {
            return with("wallet_id", "'" + walletId + "'");
        }

        void insert(Handle handle) {
            handle.execute("INSERT INTO transactions (" + String.join(", ", columns.keySet()) + ") VALUES ("
                    + String.join(", ", columns.values()) + ")");
        }

        @Override
        public String toString() {
            return columns.toString();
        }
    }
}
