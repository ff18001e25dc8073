package com.acme.wallet.app.restapi;

import com.acme.wallet.adapter.http.TlsSettings;
import com.acme.wallet.application.Secrets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** HTTPS for the REST API: a PKCS#12 keystore and its password, from the environment or a file. */
final class TlsOptions {

    @Option(names = "--tls-keystore", defaultValue = "${env:WALLET_TLS_KEYSTORE}",
            description = "PKCS#12 file with the server's certificate chain and key; given, the API serves HTTPS only. "
                    + "Env WALLET_TLS_KEYSTORE; default none (plain HTTP).")
    Path keyStore;

    @Option(names = "--tls-keystore-password", defaultValue = "${env:WALLET_TLS_KEYSTORE_PASSWORD}",
            description = "The keystore's password (prefer the environment or the file: a command line is visible "
                    + "to every user of the machine). Env WALLET_TLS_KEYSTORE_PASSWORD.")
    String password;

    @Option(names = "--tls-keystore-password-file", defaultValue = "${env:WALLET_TLS_KEYSTORE_PASSWORD_FILE}",
            description = "A file holding the keystore's password instead. Env WALLET_TLS_KEYSTORE_PASSWORD_FILE.")
    Path passwordFile;

    /**
     * {@return HTTPS with the keystore, read and checked, or empty for plain HTTP}
     *
     * @throws IllegalArgumentException if a password is given without a keystore or the other way
     *     round, or the keystore cannot be read with it; the message never holds the password
     */
    Optional<TlsSettings> settings() {
        Optional<String> secret = Secrets.valueOrFile("WALLET_TLS_KEYSTORE_PASSWORD", password, passwordFile);
        if (keyStore == null) {
            if (secret.isPresent()) {
                throw new IllegalArgumentException("WALLET_TLS_KEYSTORE_PASSWORD is set without WALLET_TLS_KEYSTORE");
            }
            return Optional.empty();
        }
        TlsSettings tls = new TlsSettings(keyStore, secret.orElseThrow(() -> new IllegalArgumentException(
                "WALLET_TLS_KEYSTORE is set without WALLET_TLS_KEYSTORE_PASSWORD or WALLET_TLS_KEYSTORE_PASSWORD_FILE")));
        tls.load();
        return Optional.of(tls);
    }
}
