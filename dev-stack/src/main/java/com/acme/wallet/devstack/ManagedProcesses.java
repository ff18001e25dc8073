package com.acme.wallet.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The processes ./wallet starts and stops by name, through pid files: the stack's in
 * {@code ./data/run}, a bench run's in its own directory (so that the two never share a pid file).
 *
 * <p>A pid file counts only while the process it names still runs and its command line holds the
 * component's marker (a path of this checkout), so a recycled pid is never signalled. Each process
 * is started in a session of its own ({@code setsid}): a Ctrl-C in the terminal reaches only
 * ./wallet, which then stops things in order. Its standard input is {@code /dev/null} and its output
 * goes to its log file, and a JDK child inherits no other descriptor, so nothing it starts holds the
 * caller's terminal or pipe open.
 */
final class ManagedProcesses {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration EXEC_WAIT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;

    private final StackPaths paths;
    private final Console console;
    private final Path pidDirectory;
    /** The string the command line of a component holds, and other processes' do not. */
    private final Function<String, String> markers;
    /** Who starts the components, for the banner in their logs, such as {@code ./wallet up}. */
    private final String starter;
    /** The processes this JVM started, whose exit status it can tell. */
    private final Map<String, Process> children = new HashMap<>();
    /** Each log's size before this run's banner, so that a failure shows only what this run wrote. */
    private final Map<String, Long> logMarks = new HashMap<>();

    /** The stack's components, with pid files in {@code ./data/run}. */
    ManagedProcesses(StackPaths paths, Console console) {
        this(paths, console, paths.run(), name -> stackMarker(paths, name), "./wallet up");
    }

    /**
     * @param paths the checkout
     * @param console where to speak
     * @param pidDirectory where the pid files go
     * @param markers for each component's name, a string its command line holds and other processes' do not
     * @param starter who starts the components, for the banner in their logs
     */
    ManagedProcesses(StackPaths paths, Console console, Path pidDirectory, Function<String, String> markers,
            String starter) {
        this.paths = paths;
        this.console = console;
        this.pidDirectory = pidDirectory;
        this.markers = markers;
        this.starter = starter;
    }

    private static String stackMarker(StackPaths paths, String name) {
        return switch (name) {
            case "rest-api" -> paths.restApiJar().toString();
            case "batch-consumer" -> paths.batchConsumerJar().toString();
            case "pulsar" -> paths.pulsarConfig().toString();
            case "logs-postgres", "logs-pulsar" -> paths.composeFile().toString();
            default -> throw new IllegalArgumentException("no such component: " + name);
        };
    }

    /** {@return the string the command line of {@code name} holds, and other processes' do not} */
    String marker(String name) {
        return markers.apply(name);
    }

    Path pidFile(String name) {
        return pidDirectory.resolve(name + ".pid");
    }

    /** {@return the pid of {@code name} if it runs} */
    OptionalLong pidOf(String name) {
        try {
            String text = Files.readString(pidFile(name), StandardCharsets.UTF_8).trim();
            if (!text.matches("[0-9]{1,10}")) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(text);
            return commandLine(pid).contains(marker(name)) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException noPidFile) {
            return OptionalLong.empty();
        }
    }

    boolean running(String name) {
        return pidOf(name).isPresent();
    }

    /**
     * {@return whether {@code name} still runs, for the program that started it: a child of this JVM
     * is asked directly (its command line may read empty for an instant while it execs, which the
     * pid file check would take for an exit); any other component through its pid file}
     */
    boolean alive(String name) {
        Process child = children.get(name);
        return child != null ? child.isAlive() : running(name);
    }

    /** {@return whether the process exists and is not a zombie (state Z in /proc/PID/stat)} */
    static boolean exists(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    /** {@return the process's command line, arguments separated by spaces; empty if it is gone} */
    static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /**
     * Starts a component detached from this program: its own session, standard input
     * {@code /dev/null}, output appended to {@code log} after a banner; its pid in its pid file.
     *
     * @param name the component
     * @param log its log file
     * @param command the program and its arguments
     * @param environment variables added to this program's environment
     * @param directory its working directory
     */
    void startDetached(String name, Path log, List<String> command, Map<String, String> environment, Path directory) {
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        beginLog(name, log);
        ProcessBuilder builder = new ProcessBuilder(full).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            children.put(name, process);
            Files.writeString(pidFile(name), process.pid() + "\n", StandardCharsets.UTF_8);
            awaitExec(name, process);
        } catch (IOException failure) {
            throw new StackFailure("cannot start " + name + ": " + failure.getMessage());
        }
    }

    /**
     * Waits until the child's command line holds the marker: while the JDK's launcher helper runs
     * under its pid it does not, and a {@code status} or {@code down} right then would not see the
     * component. (The pid then execs again, {@code setsid} into the command: {@link #alive}, not the
     * marker, tells the starting program whether it still runs.)
     */
    private void awaitExec(String name, Process process) {
        long deadline = System.nanoTime() + EXEC_WAIT.toNanos();
        while (process.isAlive() && !running(name) && System.nanoTime() < deadline) {
            Pause.of(Duration.ofMillis(10));
        }
    }

    /** Appends a banner to a component's log and remembers where this run's lines begin. */
    void beginLog(String name, Path log) {
        try {
            Files.createDirectories(log.getParent());
            logMarks.put(name, Files.exists(log) ? Files.size(log) : 0L);
            Files.writeString(log, "\n===== " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + ": " + name
                    + " started by " + starter + " =====\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot write " + log, failure);
        }
    }

    /** Prints, on standard error, the last lines of what this run appended to a component's log. */
    void showLogTail(String name, Path log) {
        StringBuilder text = new StringBuilder("----- last lines of " + paths.show(log) + " -----\n");
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(all.length, logMarks.getOrDefault(name, 0L));
            List<String> lines = new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                    .forEach(line -> text.append(line).append('\n'));
        } catch (IOException unreadable) {
            text.append("(unreadable: ").append(unreadable.getMessage()).append(")\n");
        }
        console.printError(text.append("----- end of ").append(paths.show(log)).append(" -----\n").toString());
    }

    /** {@return the exit status of a component this JVM started and that ended, else "unknown"} */
    String exitStatus(String name) {
        Process process = children.get(name);
        if (process == null) {
            return "unknown";
        }
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "unknown";
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * Stops a component: SIGTERM, up to {@code limit} for it to end, then SIGKILL. Nothing happens
     * if it does not run; its pid file is removed either way.
     */
    void stop(String name, Duration limit) {
        OptionalLong pid = pidOf(name);
        if (pid.isEmpty()) {
            deletePidFile(name);
            return;
        }
        console.say("stopping " + name + " (pid " + pid.getAsLong() + "): SIGTERM, waiting up to "
                + limit.toSeconds() + "s");
        ProcessHandle.of(pid.getAsLong()).ifPresent(ProcessHandle::destroy);
        if (!awaitEnd(pid.getAsLong(), limit)) {
            console.warn(name + " did not stop within " + limit.toSeconds() + "s: SIGKILL");
            ProcessHandle.of(pid.getAsLong()).ifPresent(ProcessHandle::destroyForcibly);
            awaitEnd(pid.getAsLong(), KILL_WAIT);
        }
        deletePidFile(name);
        if (children.containsKey(name)) {
            console.say(name + " stopped (exit status " + exitStatus(name) + ")");
        }
    }

    /** Waits for the process to end: its pid gone or a zombie (the marker is not asked again: see {@link #alive}). */
    private boolean awaitEnd(long pid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (exists(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Pause.of(POLL);
        }
        return true;
    }

    void deletePidFile(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException leftBehind) {
            console.warn("could not delete " + pidFile(name) + ": " + leftBehind.getMessage());
        }
    }
}
