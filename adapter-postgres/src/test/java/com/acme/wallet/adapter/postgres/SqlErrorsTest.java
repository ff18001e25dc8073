package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void a_unique_violation_is_a_broken_money_rule_never_to_retry() {
        RuntimeException translated = SqlErrors.translate(failure("23505"));

        assertThat(translated).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already stored")
                .hasMessageContaining("23505");
    }

    @Test
    void a_check_violation_is_a_broken_money_rule_never_to_retry() {
        assertThat(SqlErrors.translate(failure("23514"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("negative balance");
    }

    @Test
    void a_lost_connection_stays_a_failure_that_is_safe_to_retry() {
        UnableToExecuteStatementException connectionLost = failure("08006");

        assertThat(SqlErrors.translate(connectionLost)).isSameAs(connectionLost);
    }

    @Test
    void a_deadlock_stays_a_failure_that_is_safe_to_retry() {
        UnableToExecuteStatementException deadlock = failure("40P01");

        assertThat(SqlErrors.translate(deadlock)).isSameAs(deadlock);
    }

    private static UnableToExecuteStatementException failure(String sqlState) {
        return new UnableToExecuteStatementException("statement failed", new SQLException("refused", sqlState), null);
    }
}
