package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.application.Redaction;
import com.acme.wallet.application.Secrets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON Web Token a program presents to Pulsar (token authentication), or none. Its value never
 * appears in {@code toString()} nor in an exception message.
 */
public sealed interface PulsarToken {

    /** The variable a token is given in; {@value}{@code _FILE} names a file holding it. */
    String VARIABLE = "WALLET_PULSAR_TOKEN";

    /** No token: the broker must not require authentication. */
    PulsarToken NONE = new None();

    /**
     * {@return the token to present now, empty for {@link #NONE}}; a file is read again on every
     * call, so that a rotated token is picked up at the next connection
     *
     * @throws IllegalArgumentException if the file cannot be read or holds no token
     */
    Optional<String> current();

    /** {@return whether a token is presented at all} */
    default boolean isPresent() {
        return !(this instanceof None);
    }

    /**
     * The token from a value or a file, never both, as {@link Secrets#valueOrFile} reads them; the
     * file is read once here to refuse a wrong path at startup.
     *
     * @param value the token given in the environment, empty or null when not given
     * @param file a file holding the token, or null
     * @return the token, {@link #NONE} when neither is given
     * @throws IllegalArgumentException if both are given, or the file cannot be read or is empty
     */
    static PulsarToken valueOrFile(String value, Path file) {
        Optional<String> token = Secrets.valueOrFile(VARIABLE, value, file);
        if (token.isEmpty()) {
            return NONE;
        }
        PulsarToken chosen = file == null ? new Given(token.get()) : new InFile(file);
        chosen.current();
        return chosen;
    }

    /** No token. */
    record None() implements PulsarToken {
        @Override
        public Optional<String> current() {
            return Optional.empty();
        }
    }

    /**
     * A token in a file (a Kubernetes or Docker secret), read at every connection.
     *
     * @param file the file
     */
    record InFile(Path file) implements PulsarToken {
        /** @throws NullPointerException if the file is null */
        public InFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public Optional<String> current() {
            String token = Secrets.valueOrFile(VARIABLE, null, file).orElse("").strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException(VARIABLE + "_FILE " + file + " holds no token");
            }
            return Optional.of(token);
        }
    }

    /**
     * A token given as a value (an environment variable).
     *
     * @param value the token
     */
    record Given(String value) implements PulsarToken {
        /** @throws IllegalArgumentException if the value is blank */
        public Given {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(VARIABLE + " is blank");
            }
            value = value.strip();
        }

        @Override
        public Optional<String> current() {
            return Optional.of(value);
        }

        /** {@return the kind of token without its value} */
        @Override
        public String toString() {
            return "Given[value=" + Redaction.HIDDEN + "]";
        }
    }
}
