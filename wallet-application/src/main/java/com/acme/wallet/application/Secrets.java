package com.acme.wallet.application;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A secret setting given either as a value (an environment variable) or as a file holding it (for
 * Docker and Kubernetes secrets, which mount files): {@code WALLET_X} or {@code WALLET_X_FILE}, never
 * both. The value is never part of an error message. Beside {@link Redaction}, which keeps secrets
 * out of the logs; the programs read their secret settings through it.
 */
public final class Secrets {

    /** Far larger than any password or token; a bigger file is a wrong path, not a secret. */
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private Secrets() {}

    /**
     * {@return the secret, from the value or the file, or empty when neither is given}
     *
     * @param name the setting's variable, such as {@code WALLET_TLS_KEYSTORE_PASSWORD}, for messages
     * @param value the value given, empty or null when not given
     * @param file the file given, or null
     * @throws IllegalArgumentException if both are given, or the file cannot be read
     */
    public static Optional<String> valueOrFile(String name, String value, Path file) {
        boolean valueGiven = value != null && !value.isEmpty();
        if (valueGiven && file != null) {
            throw new IllegalArgumentException("set " + name + " or " + name + "_FILE, not both");
        }
        if (file == null) {
            return valueGiven ? Optional.of(value) : Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(name + "_FILE " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes: is it the right file?");
            }
            // A file written by `echo secret > file` ends with a newline that is not part of the secret.
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\\r?\\n\\z", ""));
        } catch (IOException unreadable) {
            throw new IllegalArgumentException(name + "_FILE " + file + " cannot be read: " + unreadable, unreadable);
        }
    }
}
