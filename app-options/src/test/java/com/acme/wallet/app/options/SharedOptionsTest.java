package com.acme.wallet.app.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.adapter.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options both programs share: declared once, each read from its variable, defaulting to the adapters' defaults. */
class SharedOptionsTest {

    @Command(name = "program", subcommands = Sub.class)
    static final class Program {
        @Mixin
        PulsarOptions pulsar;

        @Mixin
        PostgresOptions database;
    }

    @Command(name = "sub")
    static final class Sub {}

    @Test
    void each_option_defaults_to_its_environment_variable_then_to_the_adapters_default() throws Exception {
        assertThat(declaredDefault(PulsarOptions.class, "url")).isEqualTo("${env:WALLET_PULSAR_URL:-pulsar://127.0.0.1:6650}");
        assertThat(declaredDefault(PulsarOptions.class, "adminUrl"))
                .isEqualTo("${env:WALLET_PULSAR_ADMIN_URL:-http://127.0.0.1:8080}");
        assertThat(declaredDefault(PulsarOptions.class, "topic"))
                .isEqualTo("${env:WALLET_PULSAR_TOPIC:-persistent://public/default/transactions}");
        assertThat(declaredDefault(PulsarOptions.class, "subscription"))
                .isEqualTo("${env:WALLET_PULSAR_SUBSCRIPTION:-wallet-batch-consumer}");
        assertThat(declaredDefault(PostgresOptions.class, "url"))
                .isEqualTo("${env:WALLET_DB_URL:-" + PostgresSettings.DEFAULT_JDBC_URL + "}");
        assertThat(declaredDefault(PostgresOptions.class, "user")).isEqualTo("${env:WALLET_DB_USER:-postgres}");
        assertThat(declaredDefault(PostgresOptions.class, "password")).isEqualTo("${env:WALLET_DB_PASSWORD:-}");
    }

    @Test
    void given_options_are_read_and_the_connection_ones_also_after_a_subcommand() {
        Program program = new Program();

        new CommandLine(program).parseArgs("--pulsar-admin-url", "http://broker:8080", "sub", "--topic",
                "persistent://t/n/wallets", "--db-url", "jdbc:postgresql://db/w", "--db-user", "wallet");

        assertThat(program.pulsar.adminUrl()).isEqualTo("http://broker:8080");
        assertThat(program.pulsar.topic()).isEqualTo("persistent://t/n/wallets");
        assertThat(program.database.url()).isEqualTo("jdbc:postgresql://db/w");
        assertThat(program.database.settings().user()).isEqualTo("wallet");
        assertThat(program.database.settings().maximumPoolSize()).isEqualTo(PostgresSettings.DEFAULT_POOL_SIZE);
    }

    @Test
    void the_pulsar_credentials_are_read_from_their_variables_and_inherited_by_subcommands() throws Exception {
        assertThat(declaredDefault(PulsarOptions.class, "tokenFile")).isEqualTo("${env:WALLET_PULSAR_TOKEN_FILE}");
        assertThat(declaredDefault(PulsarOptions.class, "token")).isEqualTo("${env:WALLET_PULSAR_TOKEN:-}");
        assertThat(declaredDefault(PulsarOptions.class, "tlsTrustCerts")).isEqualTo("${env:WALLET_PULSAR_TLS_TRUST_CERTS}");
        Path tokenFile = Files.writeString(Files.createTempFile("wallet-token-", ".jwt"), "a.b.c\n");
        try {
            Program program = new Program();

            new CommandLine(program).parseArgs("sub", "--pulsar-token-file", tokenFile.toString());

            assertThat(program.pulsar.connectionSettings().credentials().token().current()).contains("a.b.c");
            assertThat(program.pulsar.topicSetupSettings().credentials().token().current()).contains("a.b.c");
        } finally {
            Files.delete(tokenFile);
        }
    }

    @Test
    void a_pulsar_token_with_a_token_file_or_certificates_without_tls_are_refused_before_starting() throws Exception {
        Program both = new Program();
        new CommandLine(both).parseArgs("--pulsar-token", "a.b.c", "--pulsar-token-file", "/run/secrets/pulsar-token");
        Program plainWithCertificates = new Program();
        new CommandLine(plainWithCertificates).parseArgs("--pulsar-tls-trust-certs", "/nonexistent/ca.pem");

        assertThatThrownBy(both.pulsar::connectionSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set WALLET_PULSAR_TOKEN or WALLET_PULSAR_TOKEN_FILE, not both");
        assertThatThrownBy(plainWithCertificates.pulsar::connectionSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WALLET_PULSAR_TLS_TRUST_CERTS");
    }

    /** The default as declared, before picocli looks the variable up. */
    private static String declaredDefault(Class<?> options, String field) throws NoSuchFieldException {
        return options.getDeclaredField(field).getAnnotation(Option.class).defaultValue();
    }
}
