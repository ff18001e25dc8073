package com.acme.wallet.endtoend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of the programs running as a real operating-system process from its runnable jar, so tests
 * can stop it the ways production does: SIGTERM, or SIGKILL mid-work.
 */
final class ProgramProcess implements AutoCloseable {

    private static final Duration EXIT_WAIT = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    private ProgramProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a runnable jar with the given environment on top of this one's.
     *
     * @param name a name for logs and messages
     * @param jarProperty the system property holding the jar's path
     * @param environment the program's configuration
     * @return the running process
     */
    static ProgramProcess start(String name, String jarProperty, Map<String, String> environment) {
        return start(name, jarProperty, List.of(), environment);
    }

    /**
     * Starts a runnable jar with arguments and the given environment on top of this one's.
     *
     * @param name a name for logs and messages
     * @param jarProperty the system property holding the jar's path
     * @param arguments the program's arguments
     * @param environment the program's configuration
     * @return the running process
     */
    static ProgramProcess start(String name, String jarProperty, List<String> arguments,
            Map<String, String> environment) {
        Path jar = Path.of(System.getProperty(jarProperty, "missing-" + jarProperty));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " jar not found at " + jar + "; run ./mvnw package first");
        }
        try {
            Path logDirectory = Path.of(System.getProperty("wallet.processLogDirectory", "target/process-logs"));
            Files.createDirectories(logDirectory);
            Path log = Files.createTempFile(logDirectory, name + "-", ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", jar.toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new ProgramProcess(name, builder.start(), log);
        } catch (IOException failure) {
            throw new IllegalStateException("could not start " + name, failure);
        }
    }

    /** Kills the process with SIGKILL: no shutdown hook, no flush, as in a crash. */
    void killHard() {
        process.destroyForcibly();
        awaitExit();
    }

    /**
     * Sends SIGTERM and waits for the process to exit.
     *
     * @return its exit status
     */
    int stopGracefully() {
        process.destroy();
        return awaitExit();
    }

    /**
     * Waits for the process to exit by itself.
     *
     * @param timeout how long to wait
     * @return its exit status
     */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not exit within " + timeout + "\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, interrupted);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** {@return everything the process printed so far} */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return name + " log unreadable: " + unreadable;
        }
    }

    /**
     * Finds lines in what the process printed so far, without reading it all into memory at once.
     *
     * @param fragment what a line must contain
     * @param maxListed how many of the matching lines to return, the last ones
     * @return how many lines match, and the last {@code maxListed} of them
     */
    Matches linesContaining(String fragment, int maxListed) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            java.util.ArrayDeque<String> last = new java.util.ArrayDeque<>();
            long count = 0;
            for (java.util.Iterator<String> line = lines.filter(text -> text.contains(fragment)).iterator();
                    line.hasNext(); count++) {
                last.addLast(line.next());
                if (last.size() > maxListed) {
                    last.removeFirst();
                }
            }
            return new Matches(count, List.copyOf(last));
        } catch (IOException unreadable) {
            throw new IllegalStateException(name + " log unreadable", unreadable);
        }
    }

    /** Lines of a process's output that contain a fragment: how many, and the last ones. */
    record Matches(long count, List<String> last) {}

    /** {@return the last lines the process printed, for failure messages} */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return name + " log (" + log + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException unreadable) {
            return name + " log unreadable: " + unreadable;
        }
    }

    /** Kills the process if a test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            killHard();
        }
    }

    private int awaitExit() {
        return awaitExit(EXIT_WAIT);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
