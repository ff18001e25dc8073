package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void statements_end_at_semicolons_outside_strings_names_comments_and_dollar_quoted_bodies() {
        String script = """
                -- a comment; not a statement
                SET x = 'a;b';
                SELECT "odd;name" FROM t; -- trailing; comment
                DO $$
                BEGIN
                    RAISE NOTICE 'inside; the body';
                END
                $$;
                CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
                SELECT $1 + $2
                """;

        assertThat(SqlScript.statements(script)).containsExactly(
                "-- a comment; not a statement\nSET x = 'a;b'",
                "SELECT \"odd;name\" FROM t",
                "-- trailing; comment\nDO $$\nBEGIN\n    RAISE NOTICE 'inside; the body';\nEND\n$$",
                "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
                "SELECT $1 + $2");
    }

    @Test
    void a_script_of_comments_only_has_no_statements() {
        assertThat(SqlScript.statements("-- nothing\n  ;\n-- at all\n")).isEmpty();
    }

    @Test
    void an_unclosed_string_is_refused() {
        assertThatThrownBy(() -> SqlScript.statements("SELECT 'open;")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_recovery_data_script_is_plain_sql_in_one_transaction_then_vacuums() throws Exception {
        Path checkout = Path.of(System.getProperty("wallet.root", "..")).toAbsolutePath().normalize();
        List<String> statements = SqlScript.statements(Files.readString(checkout.resolve("bench/recovery-data.sql")));

        assertThat(statements).noneMatch(statement -> statement.lines().anyMatch(line -> line.startsWith("\\")))
                .as("no psql meta-commands").noneMatch(statement -> statement.matches("(?s).*[^:]:[a-z'].*"));
        assertThat(statements.stream().map(statement -> statement.replaceAll("(?m)^--.*\\n", "").strip()).toList())
                .contains("BEGIN", "COMMIT", "VACUUM (FREEZE, ANALYZE) transactions")
                .last().isEqualTo("VACUUM (FREEZE, ANALYZE) transactions");
    }
}
