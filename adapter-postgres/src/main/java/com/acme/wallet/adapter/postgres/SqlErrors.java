package com.acme.wallet.adapter.postgres;

import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;

/**
 * Turns a database's refusal to store a row into what it means for the money.
 *
 * <p>The code checks every rule before writing, so when PostgreSQL still refuses a row on an
 * integrity constraint (SQLState class 23: a unique key, a check, a foreign key) the data or the
 * code is wrong. That is an {@link IllegalStateException}, which the port's contract says never to
 * retry. Every other failure (connection lost, timeout, deadlock) is left as it is: retrying is safe.
 */
final class SqlErrors {

    private static final String INTEGRITY_CONSTRAINT_CLASS = "23";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";

    private SqlErrors() {}

    static RuntimeException translate(JdbiException failure) {
        String state = sqlState(failure);
        if (state == null || !state.startsWith(INTEGRITY_CONSTRAINT_CLASS)) {
            return failure;
        }
        String meaning = switch (state) {
            case UNIQUE_VIOLATION -> "the batch holds an event id, sequence or reference that is already stored";
            case CHECK_VIOLATION -> "the batch would store a negative balance or a malformed row";
            default -> "the batch breaks an integrity constraint";
        };
        return new IllegalStateException(meaning + " (SQLState " + state + "): " + failure.getMessage(), failure);
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
