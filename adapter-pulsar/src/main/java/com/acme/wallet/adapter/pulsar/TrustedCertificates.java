package com.acme.wallet.adapter.pulsar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS context that trusts exactly the CA certificates of a PEM file, for the admin API's HTTP
 * client (the Pulsar client reads the file itself). The JDK's HTTP client verifies host names.
 */
final class TrustedCertificates {

    private TrustedCertificates() {}

    /**
     * {@return a TLS context trusting the file's certificates and no others}
     *
     * @param pemFile one or more PEM certificates
     * @throws IllegalArgumentException if the file cannot be read or holds no certificate
     */
    static SSLContext context(Path pemFile) {
        try (InputStream pem = Files.newInputStream(pemFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int count = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.setCertificateEntry("ca-" + count++, certificate);
            }
            if (count == 0) {
                throw new IllegalArgumentException(PulsarCredentials.TLS_TRUST_CERTS_VARIABLE + " " + pemFile
                        + " holds no certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException unusable) {
            throw new IllegalArgumentException(PulsarCredentials.TLS_TRUST_CERTS_VARIABLE + " " + pemFile
                    + " cannot be used: " + unusable, unusable);
        }
    }
}
