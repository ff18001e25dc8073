package com.acme.wallet.app.options;

import com.acme.wallet.adapter.postgres.PostgresSettings;
import com.acme.wallet.application.Secrets;
import java.nio.file.Path;
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
            description = "PostgreSQL password (prefer the environment or the file: a command line is visible to "
                    + "every user of the machine). Env WALLET_DB_PASSWORD; default empty.")
    private String password;

    @Option(names = "--db-password-file", scope = ScopeType.INHERIT, defaultValue = "${env:WALLET_DB_PASSWORD_FILE}",
            description = "A file holding the PostgreSQL password instead. Env WALLET_DB_PASSWORD_FILE.")
    private Path passwordFile;

    /**
     * {@return the settings for these options: the default pool and timeouts}
     *
     * @throws IllegalArgumentException if both a password and a password file are given, or the file
     *     cannot be read
     */
    public PostgresSettings settings() {
        return PostgresSettings.of(url, user, Secrets.valueOrFile("WALLET_DB_PASSWORD", password, passwordFile).orElse(""));
    }

    /** {@return the JDBC URL} */
    public String url() {
        return url;
    }
}
