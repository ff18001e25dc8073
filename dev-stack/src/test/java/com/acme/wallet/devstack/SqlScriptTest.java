package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
