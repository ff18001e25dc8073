package com.acme.wallet.endtoend;

import com.acme.wallet.adapter.http.ApiTokens;
import com.acme.wallet.adapter.http.Scope;
import com.acme.wallet.application.port.in.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;

/**
 * The token every REST API the tests start takes, and every client of it sends: one token with
 * every scope, named {@value #NAME}, listed in a token file of this test run's own. The REST API
 * refuses to start without a token file, and the tests run it as production does, checking tokens.
 */
final class TestToken {

    /** The caller's name of the token: in the access log and in each change's message on the topic. */
    static final String NAME = "e2e";

    private static final String VALUE = ApiTokens.newToken();
    private static Path file;
    private static Path valueFile;

    private TestToken() {
    }

    /** {@return the token, as a client sends it after {@code Authorization: Bearer}} */
    static String value() {
        return VALUE;
    }

    /** {@return the header's value that carries the token} */
    static String authorization() {
        return "Bearer " + VALUE;
    }

    /**
     * {@return a file holding the token itself, for the programs that read it from a file (the
     *     checker's {@code --api-token-file}): readable by its owner only, deleted when the JVM exits}
     */
    static synchronized Path valueFile() {
        if (valueFile == null) {
            valueFile = writePrivately("wallet-e2e-token-", List.of(VALUE));
        }
        return valueFile;
    }

    /**
     * {@return the token file (for {@code WALLET_TOKENS_FILE}) that lists the token with every
     *     scope: written once per test run, readable by its owner only, deleted when the JVM exits}
     */
    static synchronized Path file() {
        if (file == null) {
            file = writePrivately("wallet-e2e-tokens-", List.of("# The end-to-end tests' token: every scope.",
                    ApiTokens.line(new Caller(NAME), EnumSet.allOf(Scope.class), VALUE)));
        }
        return file;
    }

    private static Path writePrivately(String prefix, List<String> lines) {
        try {
            Path written = Files.createTempFile(prefix, ".txt",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            written.toFile().deleteOnExit();
            Files.write(written, lines, StandardCharsets.UTF_8);
            return written;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot write the tests' token", failure);
        }
    }
}
