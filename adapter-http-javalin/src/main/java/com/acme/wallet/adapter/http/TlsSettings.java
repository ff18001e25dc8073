package com.acme.wallet.adapter.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Objects;

/**
 * HTTPS for the API: the server's certificate chain and private key, in a PKCS#12 keystore file
 * protected by a password (the key's password is the same, as {@code openssl pkcs12 -export} and
 * {@code keytool -storetype PKCS12} make them).
 *
 * @param keyStore the PKCS#12 file
 * @param password the keystore's password; never printed, {@link #toString()} hides it
 */
public record TlsSettings(Path keyStore, String password) {

    private static final String PKCS12 = "PKCS12";

    /**
     * Checks that both are given.
     *
     * @throws NullPointerException if one is missing
     */
    public TlsSettings {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Reads the keystore, so that a wrong file or password stops the program at start with a
     * reason, rather than fail every handshake.
     *
     * @return the keystore, holding at least one private key
     * @throws IllegalArgumentException if the file cannot be read, is not PKCS#12, the password is
     *     wrong, or it holds no private key; the message never holds the password
     */
    public KeyStore load() {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keyStore)) {
            store = KeyStore.getInstance(PKCS12);
            store.load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException unreadable) {
            throw new IllegalArgumentException("the TLS keystore " + keyStore + " cannot be read as PKCS#12 with the "
                    + "given password: " + unreadable.getMessage(), unreadable);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return store;
                }
            }
        } catch (GeneralSecurityException unreadable) {
            throw new IllegalArgumentException("the TLS keystore " + keyStore + " cannot be read: "
                    + unreadable.getMessage(), unreadable);
        }
        throw new IllegalArgumentException("the TLS keystore " + keyStore + " holds no private key");
    }

    @Override
    public String toString() {
        return "TlsSettings[keyStore=" + keyStore + ", password=***]";
    }
}
