package com.acme.wallet.app.restapi;

import com.acme.wallet.adapter.http.TokenFile;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Who may call the REST API: bearer tokens from a file, or, for a developer's machine only, anyone. */
final class AuthOptions {

    /** How callers are checked. */
    enum Mode {
        /** Bearer tokens with scopes, from {@code WALLET_TOKENS_FILE}. */
        tokens,
        /** Nobody is checked: every request may do everything. Insecure; for development only. */
        none
    }

    @Option(names = "--auth", defaultValue = "${env:WALLET_AUTH:-tokens}",
            description = "How callers are checked: tokens (bearer tokens from WALLET_TOKENS_FILE), or none (nobody "
                    + "is checked: insecure, for a developer's machine only). Env WALLET_AUTH; default ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--tokens-file", defaultValue = "${env:WALLET_TOKENS_FILE}",
            description = "The token file: a line per token, its name, its scopes and the SHA-256 of the token (see "
                    + "the README, Security). Read again when it changes and on SIGHUP. Env WALLET_TOKENS_FILE.")
    Path tokensFile;

    /**
     * {@return the token file, read and checked, or empty when nobody is checked}
     *
     * @throws IllegalArgumentException if tokens are checked without a file, the file cannot be
     *     read or breaks a rule, or a file is given while nobody is checked
     */
    Optional<TokenFile> tokenFile() {
        if (mode == Mode.none) {
            if (tokensFile != null) {
                throw new IllegalArgumentException("WALLET_TOKENS_FILE is set with WALLET_AUTH=none; drop one of them");
            }
            return Optional.empty();
        }
        if (tokensFile == null) {
            throw new IllegalArgumentException("no token is configured: set WALLET_TOKENS_FILE to a token file (see "
                    + "the README, Security), or WALLET_AUTH=none to let every request do everything on a "
                    + "developer's machine");
        }
        return Optional.of(TokenFile.read(tokensFile));
    }
}
