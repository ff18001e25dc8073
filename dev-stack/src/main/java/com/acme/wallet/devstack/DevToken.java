package com.acme.wallet.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The development token: one token with every scope, made on the first {@code up}, kept in
 * {@code data/dev-token} (mode 600) for the README's curls, and listed by its hash in
 * {@code data/tokens}, the REST API's token file. Both stay across {@code down} and {@code up}; a
 * token file a developer edited (another token added) is kept as long as it still lists the token.
 *
 * <p>It writes the token file as the README tells an operator to (the name, the scopes and
 * {@code sha256:} and the token's SHA-256 in hex), without the REST API's classes: DevStackIT's
 * walk-through shows the REST API takes it.
 *
 * @param value the token
 * @param tokenFile the token file that lists it
 */
record DevToken(String value, Path tokenFile) {

    /** The caller's name of the development token, in the access log and the topic. */
    static final String NAME = "developer";

    private static final String EVERY_SCOPE = "wallet:read,wallet:write,wallet:open,admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * {@return the development token under {@code data}, made (with its token file) if it is missing
     *     or the token file no longer lists it}
     */
    static DevToken ensure(Path data) {
        Path tokenPath = valueFile(data);
        Path tokenFile = tokenFile(data);
        try {
            if (Files.isRegularFile(tokenPath) && Files.isRegularFile(tokenFile)) {
                String kept = Files.readString(tokenPath, StandardCharsets.UTF_8).strip();
                if (Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream().anyMatch(
                        line -> line.strip().endsWith(" " + hashOf(kept)))) {
                    return new DevToken(kept, tokenFile);
                }
            }
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            writePrivately(tokenFile, List.of("# The REST API's tokens (WALLET_TOKENS_FILE): name, scopes, SHA-256 of "
                    + "the token. Made by ./wallet up; see the README, Security.",
                    NAME + " " + EVERY_SCOPE + " " + hashOf(token)));
            writePrivately(tokenPath, List.of(token));
            return new DevToken(token, tokenFile);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot write the development token under " + data, failure);
        }
    }

    /** {@return the file under {@code data} that holds the token itself: {@code data/dev-token}} */
    static Path valueFile(Path data) {
        return data.resolve("dev-token");
    }

    /** {@return the token file under {@code data}, the REST API's WALLET_TOKENS_FILE: {@code data/tokens}} */
    static Path tokenFile(Path data) {
        return data.resolve("tokens");
    }

    /** {@return the token's entry in a token file: sha256: and its SHA-256 in lowercase hex} */
    static String hashOf(String token) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    /** Writes beside the target, readable by the owner only, then moves it into place at once. */
    private static void writePrivately(Path target, List<String> lines) throws IOException {
        Files.createDirectories(target.getParent());
        Path written = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(written, lines, StandardCharsets.UTF_8);
        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
