package com.acme.wallet.adapter.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token and trusted certificates: read as given, never shown, and refused in combinations that cannot be meant. */
class PulsarCredentialsTest {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ3YWxsZXQtcmVzdC1hcGkifQ.c2lnbmF0dXJl";
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @TempDir
    Path directory;

    @Test
    void a_token_file_is_read_again_at_every_use_so_that_a_rotated_token_is_picked_up() throws Exception {
        Path file = Files.writeString(directory.resolve("token"), TOKEN + "\n");
        PulsarToken token = PulsarToken.valueOrFile(null, file);

        assertThat(token.current()).contains(TOKEN);
        Files.writeString(file, "rotated.token.value\n");
        assertThat(token.current()).contains("rotated.token.value");
    }

    @Test
    void the_token_appears_in_no_settings_text() {
        PulsarCredentials credentials = new PulsarCredentials(PulsarToken.valueOrFile(TOKEN, null), Optional.empty());
        PulsarConnectionSettings client = PulsarConnectionSettings.defaults("pulsar://127.0.0.1:6650")
                .withCredentials(credentials);
        PulsarTopicSetupSettings setup = PulsarTopicSetupSettings.defaults("http://127.0.0.1:8080")
                .withCredentials(credentials);

        assertThat(credentials.toString()).doesNotContain(TOKEN).contains("***");
        assertThat(client.toString()).doesNotContain(TOKEN);
        assertThat(setup.toString()).doesNotContain(TOKEN);
    }

    @Test
    void a_token_and_a_token_file_together_are_refused_without_showing_the_token() throws Exception {
        Path file = Files.writeString(directory.resolve("token"), TOKEN);

        assertThatThrownBy(() -> PulsarToken.valueOrFile(TOKEN, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set WALLET_PULSAR_TOKEN or WALLET_PULSAR_TOKEN_FILE, not both");
    }

    @Test
    void an_empty_or_missing_token_file_is_refused_at_once() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty"), "\n");

        assertThatThrownBy(() -> PulsarToken.valueOrFile(null, empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no token");
        assertThatThrownBy(() -> PulsarToken.valueOrFile(null, directory.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void trusted_certificates_for_a_url_without_tls_are_refused() throws Exception {
        PulsarCredentials trusting = new PulsarCredentials(PulsarToken.NONE,
                Optional.of(Files.writeString(directory.resolve("ca.pem"), PEM)));

        assertThatThrownBy(() -> PulsarConnectionSettings.defaults("pulsar://broker:6650").withCredentials(trusting))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WALLET_PULSAR_TLS_TRUST_CERTS is set but WALLET_PULSAR_URL");
        assertThatThrownBy(() -> PulsarTopicSetupSettings.defaults("http://broker:8080").withCredentials(trusting))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WALLET_PULSAR_ADMIN_URL");
        assertThat(PulsarConnectionSettings.defaults("pulsar+ssl://broker:6651").withCredentials(trusting).credentials())
                .isEqualTo(trusting);
    }

    @Test
    void a_token_goes_in_clear_text_to_this_machine_only() {
        PulsarCredentials token = new PulsarCredentials(PulsarToken.valueOrFile(TOKEN, null), Optional.empty());

        assertThatThrownBy(() -> PulsarConnectionSettings.defaults("pulsar://broker.internal:6650").withCredentials(token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clear text")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> PulsarTopicSetupSettings.defaults("http://10.0.0.7:8080").withCredentials(token))
                .isInstanceOf(IllegalArgumentException.class);
        PulsarConnectionSettings.defaults("pulsar://127.0.0.1:6650").withCredentials(token);
        PulsarConnectionSettings.defaults("pulsar://localhost:6650").withCredentials(token);
        PulsarTopicSetupSettings.defaults("https://broker.internal:8443").withCredentials(token);
    }

    @Test
    void a_trust_file_without_a_certificate_is_refused() throws Exception {
        Path notPem = Files.writeString(directory.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");

        assertThatThrownBy(() -> new PulsarCredentials(PulsarToken.NONE, Optional.of(notPem)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no PEM certificate");
    }
}
