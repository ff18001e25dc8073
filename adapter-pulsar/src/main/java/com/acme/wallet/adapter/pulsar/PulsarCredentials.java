package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.application.Redaction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a program is to Pulsar and whom it trusts there, for both the client and the admin API: the
 * token it presents, and the CA certificates (a PEM file) a {@code pulsar+ssl://} or
 * {@code https://} broker's certificate must chain to. Without a file the JVM's default trust
 * store applies. Host names are always verified.
 *
 * @param token the token, {@link PulsarToken#NONE} for a broker without authentication
 * @param tlsTrustCertsFile the PEM file of trusted CA certificates, if any
 */
public record PulsarCredentials(PulsarToken token, Optional<Path> tlsTrustCertsFile) {

    /** The variable naming the PEM file of trusted CA certificates. */
    public static final String TLS_TRUST_CERTS_VARIABLE = "WALLET_PULSAR_TLS_TRUST_CERTS";

    /** No token, the JVM's default trust store: a broker without authentication. */
    public static final PulsarCredentials NONE = new PulsarCredentials(PulsarToken.NONE, Optional.empty());

    /**
     * Validates the credentials.
     *
     * @throws IllegalArgumentException if the trust file cannot be read or holds no PEM certificate
     */
    public PulsarCredentials {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tlsTrustCertsFile, "tlsTrustCertsFile");
        tlsTrustCertsFile.ifPresent(PulsarCredentials::requireCertificates);
    }

    /**
     * Refuses the combinations of these credentials and a broker URL that cannot be meant: trusted
     * certificates for a URL without TLS (they would be ignored, and everything sent in clear
     * text), and a token sent in clear text to another machine.
     *
     * @param variable the URL's variable, for the message
     * @param url a {@code pulsar://}, {@code pulsar+ssl://}, {@code http://} or {@code https://} URL
     * @throws IllegalArgumentException for such a combination
     */
    public void requireUsableWith(String variable, String url) {
        if (isTls(url)) {
            return;
        }
        if (tlsTrustCertsFile.isPresent()) {
            throw new IllegalArgumentException(TLS_TRUST_CERTS_VARIABLE + " is set but " + variable + " "
                    + Redaction.hideCredentials(url) + " does not use TLS: use pulsar+ssl:// or https://");
        }
        if (token.isPresent() && !isLoopback(url)) {
            throw new IllegalArgumentException("a Pulsar token is set but " + variable + " "
                    + Redaction.hideCredentials(url) + " does not use TLS, so the token would cross the network "
                    + "in clear text: use pulsar+ssl:// and https://");
        }
    }

    /** {@return whether a URL is a {@code pulsar+ssl://} or {@code https://} URL} */
    static boolean isTls(String url) {
        return url.startsWith("pulsar+ssl://") || url.startsWith("https://");
    }

    private static boolean isLoopback(String url) {
        String host = URI.create(url.replaceFirst(",.*", "")).getHost();
        if (host == null) {
            return false;
        }
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            // Only literal addresses: a name is not looked up here (that would be a network request).
            return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException notAnAddress) {
            return false;
        }
    }

    private static void requireCertificates(Path file) {
        try {
            if (Files.size(file) > 1024 * 1024
                    || !Files.readString(file, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
                throw new IllegalArgumentException(TLS_TRUST_CERTS_VARIABLE + " " + file
                        + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
        } catch (IOException unreadable) {
            throw new IllegalArgumentException(TLS_TRUST_CERTS_VARIABLE + " " + file + " cannot be read: "
                    + unreadable, unreadable);
        }
    }
}
