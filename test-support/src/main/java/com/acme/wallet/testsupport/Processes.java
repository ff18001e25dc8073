package com.acme.wallet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Short commands run to completion within a bound, and the file clean-up that goes with them. */
public final class Processes {

    private Processes() {}

    /**
     * Runs a command to completion, its standard input empty, within {@code timeout}.
     *
     * @param command the program and its arguments
     * @param timeout the longest it may take; it is killed after that
     * @return its output, standard error included
     * @throws IOException if it cannot start, does not finish in time or exits with a non-zero status
     *     (the message holds its output)
     */
    public static String run(List<String> command, Duration timeout) throws IOException {
        Path output = Files.createTempFile("wallet-command-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(output.toFile()).start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(command + " did not finish within " + timeout);
                }
            } catch (InterruptedException interrupted) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + command, interrupted);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(command + " failed with status " + process.exitValue() + ":\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * Deletes a directory and everything in it; nothing happens if it does not exist.
     *
     * @param root the directory
     * @throws IOException if something cannot be deleted
     */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException walkFailed) {
            throw walkFailed.getCause();
        }
    }
}
