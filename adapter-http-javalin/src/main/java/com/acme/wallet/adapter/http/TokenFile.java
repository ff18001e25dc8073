package com.acme.wallet.adapter.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token file, read again when it changes, so that tokens are added, rotated and revoked without a
 * restart. A new file takes effect whole or not at all: one that breaks a rule is refused with an
 * error in the log, and the tokens read before stay in force.
 *
 * <p>A change is noticed by polling the file's modification time, size and identity (an editor's
 * or {@code mv}'s replacement is a new file), or at once through {@link #reload()}, which the REST
 * API calls on SIGHUP. Write the new file beside the old and move it into place, so that no read
 * sees half a file.
 */
public final class TokenFile implements Supplier<ApiTokens>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);

    private final Path file;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wallet-token-file");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ApiTokens tokens;
    private Optional<Version> readVersion;

    /** What tells one version of the file from another without reading it. */
    private record Version(Object identity, long modifiedMillis, long size) {}

    private TokenFile(Path file, ApiTokens tokens, Optional<Version> version) {
        this.file = file;
        this.tokens = tokens;
        this.readVersion = version;
    }

    /**
     * Reads the token file.
     *
     * @param file the file
     * @return the file, its tokens read
     * @throws IllegalArgumentException if it cannot be read or breaks a rule of {@link ApiTokens}
     */
    public static TokenFile read(Path file) {
        Objects.requireNonNull(file, "file");
        Optional<Version> version = versionOf(file);
        return new TokenFile(file, ApiTokens.read(file), version);
    }

    /** {@return the tokens in force} */
    @Override
    public ApiTokens get() {
        return tokens;
    }

    /**
     * Reads the file again now; if it breaks a rule, logs why and keeps the tokens in force.
     *
     * @return whether the new file took effect
     */
    public synchronized boolean reload() {
        Optional<Version> version = versionOf(file);
        try {
            ApiTokens read = ApiTokens.read(file);
            tokens = read;
            readVersion = version;
            LOG.info("token file {} read again: {} tokens in force", file, read.size());
            return true;
        } catch (IllegalArgumentException refused) {
            // Remembered, so the poller does not log the same broken file every interval.
            readVersion = version;
            LOG.error("token file {} not taken, the {} tokens read before stay in force: {}", file, tokens.size(),
                    refused.getMessage());
            return false;
        }
    }

    /**
     * Polls the file for changes, and reads it again whenever it changed.
     *
     * @param interval how often to look
     * @return this file
     */
    public TokenFile watchEvery(Duration interval) {
        long millis = interval.toMillis();
        poller.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    private synchronized void reloadIfChanged() {
        try {
            if (!versionOf(file).equals(readVersion)) {
                reload();
            }
        } catch (RuntimeException unexpected) {
            LOG.error("checking the token file {} failed; the tokens in force stay", file, unexpected);
        }
    }

    private static Optional<Version> versionOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new Version(Objects.requireNonNullElse(attributes.fileKey(), file),
                    attributes.lastModifiedTime().toMillis(), attributes.size()));
        } catch (IOException missing) {
            return Optional.empty();
        }
    }

    /** Stops polling. */
    @Override
    public void close() {
        poller.shutdownNow();
    }

    @Override
    public String toString() {
        return "TokenFile[" + file + "]";
    }
}
