package com.acme.wallet.app.options;

import com.acme.wallet.adapter.postgres.PostgresSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the wallet database is: the options both programs take to reach PostgreSQL, as a picocli
 * mixin ({@code @Mixin PostgresOptions database;}). Each is also read from its {@code WALLET_*}
 * environment variable, and inherited by subcommands.
 */
public final class PostgresOptions {

    @Option(names = "--db-url", scope = ScopeType.INHERIT,
            defaultValue = "${env:WALLET_DB_URL:-" + PostgresSettings.DEFAULT_JDBC_URL + "}",
            description = "PostgreSQL JDBC URL. Env WALLET_DB_URL; default ${DEFAULT-VALUE}.")
    private String url;

    @Option(names = "--db-user", scope = ScopeType.INHERIT,
            defaultValue = "${env:WALLET_DB_USER:-" + PostgresSettings.DEFAULT_USER + "}",
            description = "PostgreSQL user. Env WALLET_DB_USER; default ${DEFAULT-VALUE}.")
    private String user;

    @Option(names = "--db-password", scope = ScopeType.INHERIT, defaultValue = "${env:WALLET_DB_PASSWORD:-}",
            description = "PostgreSQL password. Env WALLET_DB_PASSWORD; default empty.")
    private String password;

    /** {@return the settings for these options: the default pool and timeouts} */
    public PostgresSettings settings() {
        return PostgresSettings.of(url, user, password);
    }

    /** {@return the JDBC URL} */
    public String url() {
        return url;
    }
}
