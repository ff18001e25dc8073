package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with a certificate generated for the test by the JDK's keytool: a client that trusts it is
 * served, one that does not fails its handshake, plain HTTP gets no answer, and a wrong keystore
 * password stops the server before it listens, without the password in the reason.
 */
class TlsTest {

    private static final String PASSWORD = "test-keystore-password";
    private static final String ALIAS = "wallet";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path directory;

    private static Path keyStore;

    private RunningApi api;

    @BeforeAll
    static void generateACertificateFor127001() throws IOException, InterruptedException {
        keyStore = directory.resolve("wallet.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool: %s", output).isZero();
    }

    @AfterEach
    void stopServer() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void a_client_trusting_the_certificate_is_served_over_https() throws Exception {
        api = RunningApi.overInMemoryLog(HttpSettings.defaults("127.0.0.1", 0)
                .withTls(new TlsSettings(keyStore, PASSWORD)));
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keyStore)).connectTimeout(TIMEOUT).build();

        HttpResponse<String> opened = trusting.send(HttpRequest.newBuilder(https("/wallet/alice"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"amount\":100}"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> read = trusting.send(HttpRequest.newBuilder(https("/wallet/alice")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(opened.statusCode()).isEqualTo(201);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"balance\":100");
        assertThat(read.sslSession()).hasValueSatisfying(session -> assertThat(session.getProtocol())
                .isIn(List.of("TLSv1.3", "TLSv1.2")));
    }

    @Test
    void a_client_that_does_not_trust_the_certificate_fails_its_handshake() {
        api = RunningApi.overInMemoryLog(HttpSettings.defaults("127.0.0.1", 0)
                .withTls(new TlsSettings(keyStore, PASSWORD)));
        HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

        assertThatThrownBy(() -> defaultTrust.send(HttpRequest.newBuilder(https("/health/live")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plain_http_on_the_https_port_gets_no_http_answer() throws IOException {
        api = RunningApi.overInMemoryLog(HttpSettings.defaults("127.0.0.1", 0)
                .withTls(new TlsSettings(keyStore, PASSWORD)));

        try (Socket plain = new Socket("127.0.0.1", api.port())) {
            plain.setSoTimeout((int) TIMEOUT.toMillis());
            plain.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] answer = readUntilClosed(plain.getInputStream());

            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1 200").doesNotContain("OK");
        }
    }

    @Test
    void a_wrong_password_stops_the_server_before_it_listens_without_the_password_in_the_reason() {
        TlsSettings wrong = new TlsSettings(keyStore, "not-the-password");

        assertThatThrownBy(wrong::load).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(keyStore.toString()).hasMessageNotContaining("not-the-password");
        assertThatThrownBy(() -> RunningApi.overInMemoryLog(HttpSettings.defaults("127.0.0.1", 0).withTls(wrong)))
                .hasRootCauseInstanceOf(java.security.UnrecoverableKeyException.class);
        assertThat(wrong.toString()).doesNotContain("not-the-password").contains("***");
    }

    private URI https(String path) {
        return URI.create("https://127.0.0.1:" + api.port() + path);
    }

    /** {@return TLS that trusts the test's certificate alone} */
    private static SSLContext trusting(Path store) throws GeneralSecurityException, IOException {
        KeyStore server = new TlsSettings(store, PASSWORD).load();
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, server.getCertificate(ALIAS));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Reads until the server closes, or the read times out (then what came so far). */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (java.net.SocketTimeoutException | java.net.SocketException ended) {
            return new byte[0];
        }
    }
}
