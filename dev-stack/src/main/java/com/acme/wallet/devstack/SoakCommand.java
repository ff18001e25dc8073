package com.acme.wallet.devstack;

import com.acme.wallet.testsupport.PostgresBinaries;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./wallet soak [--minutes N] [--seed S]}: the load-and-fault harness
 * ({@code FaultInjectionIT}, end-to-end-tests) for N minutes through Maven, its output in
 * {@code ./data/logs/soak.log}; on success the result goes to {@code soak/RESULTS.md}.
 */
final class SoakCommand {

    static final int DEFAULT_MINUTES = 10;
    static final int MAX_MINUTES = 1440;
    /** Beyond the soak itself: building the modules, starting the brokers, the audit. */
    static final Duration ALLOWANCE = Duration.ofMinutes(60);
    /** Between two progress lines: often enough to see a soak move, rare enough for a log of hours. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);
    /** The harness's line after each fault (FaultInjectionIT). */
    static final String PROGRESS_PREFIX = "soak progress: ";
    private static final Pattern PROGRESS = Pattern.compile(Pattern.quote(PROGRESS_PREFIX)
            + "(\\d+) s of (\\d+) s, faults=(\\d+) requests=(\\d+) acknowledged=(\\d+) refused=(\\d+) undecided=(\\d+)");
    /** How much of the log's end is read for the harness's last progress line. */
    private static final int LOG_TAIL_BYTES = 64 * 1024;

    /** The options, checked. */
    record Options(int minutes, OptionalLong seed) {

        static Options parse(List<String> arguments) {
            int minutes = DEFAULT_MINUTES;
            OptionalLong seed = OptionalLong.empty();
            for (int index = 0; index < arguments.size(); index += 2) {
                String option = arguments.get(index);
                String value = index + 1 < arguments.size() ? arguments.get(index + 1) : "";
                switch (option) {
                    case "--minutes" -> {
                        if (!value.matches("[1-9][0-9]{0,3}") || Integer.parseInt(value) > MAX_MINUTES) {
                            throw new StackFailure("--minutes takes 1 to " + MAX_MINUTES);
                        }
                        minutes = Integer.parseInt(value);
                    }
                    case "--seed" -> {
                        try {
                            if (!value.matches("-?[0-9]{1,19}")) {
                                throw new NumberFormatException(value);
                            }
                            seed = OptionalLong.of(Long.parseLong(value));
                        } catch (NumberFormatException notALong) {
                            throw new StackFailure("--seed takes a whole number (a Java long)");
                        }
                    }
                    default -> throw new StackFailure("unknown option for soak: " + option + " (see ./wallet help)");
                }
            }
            return new Options(minutes, seed);
        }

        /** {@return the command line as the user would type it, for RESULTS.md} */
        String asTyped() {
            return "./wallet soak --minutes " + minutes + (seed.isPresent() ? " --seed " + seed.getAsLong() : "");
        }
    }

    private final StackPaths paths;
    private final Console console;

    SoakCommand(StackPaths paths, Console console) {
        this.paths = paths;
        this.console = console;
    }

    int run(List<String> arguments) throws IOException, InterruptedException {
        Options options = Options.parse(arguments);
        if (PostgresBinaries.newest().isEmpty()) {
            throw new StackFailure("soak needs the PostgreSQL server binaries (Debian package postgresql)");
        }
        Files.createDirectories(paths.logs());
        Files.createDirectories(paths.root().resolve("soak"));
        Path log = paths.log("soak");
        console.step("soak: " + options.minutes() + " min of faults under load, then the audit; log in"
                + " ./data/logs/soak.log; a progress line every " + Progress.words(PROGRESS_INTERVAL));
        int status = maven(options, log);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> seeds = lines.stream().filter(line -> line.startsWith("fault harness seed=")).toList();
        seeds.subList(Math.max(0, seeds.size() - 2), seeds.size()).forEach(line -> console.print(line + "\n"));
        Path result = paths.root().resolve("end-to-end-tests/target/soak-result.txt");
        if (status != 0 || !Files.isRegularFile(result) || Files.size(result) == 0) {
            lines.stream().filter(line -> line.matches(".*(VIOLATION|violation|FAIL|ERROR\\]).*")).limit(40)
                    .forEach(line -> console.printError(line + "\n"));
            throw new StackFailure("soak FAILED (exit " + status + "); see ./data/logs/soak.log; the seed above"
                    + " reproduces it");
        }
        Files.writeString(paths.root().resolve("soak/RESULTS.md"), results(options, Files.readString(result)),
                StandardCharsets.UTF_8);
        console.say("soak PASSED; result in soak/RESULTS.md");
        return 0;
    }

    /** Runs the harness through Maven, bounded, its output in {@code log}; stops it if this program is stopped. */
    private int maven(Options options, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(paths.root().resolve("mvnw").toString(), "-B",
                "-pl", "end-to-end-tests", "-am", "verify",
                "-Dtest=NONE", "-Dsurefire.failIfNoSpecifiedTests=false",
                "-Dit.test=FaultInjectionIT#every_fault_combined_under_a_seeded_random_schedule",
                "-Dfailsafe.failIfNoSpecifiedTests=false",
                "-Dwallet.soak.minutes=" + options.minutes()));
        options.seed().ifPresent(seed -> command.add("-Dwallet.fault.seed=" + seed));
        Process maven = new ProcessBuilder(command).directory(paths.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(log.toFile()).redirectErrorStream(true).start();
        Thread stopMaven = new Thread(() -> {
            maven.descendants().forEach(ProcessHandle::destroy);
            maven.destroy();
        }, "soak-stop-maven");
        Runtime.getRuntime().addShutdownHook(stopMaven);
        Duration limit = Duration.ofMinutes(options.minutes()).plus(ALLOWANCE);
        try (Progress.Ticker progress = console.progress(soFar -> status(soFar, lastProgressLine(log)),
                PROGRESS_INTERVAL)) {
            if (!maven.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                stopMaven.run();
                throw new StackFailure("soak did not finish within " + limit.toMinutes() + " min; see ./data/logs/soak.log");
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopMaven);
            } catch (IllegalStateException exiting) {
                // The hook runs already.
            }
        }
        return maven.exitValue();
    }

    /**
     * {@return the soak's progress line: before the harness reports, that Maven builds and the brokers
     * start; then the harness's last report after a fault: how far into the soak, faults, requests}
     *
     * @param soFar how long the soak command has run
     * @param harnessLine the harness's last {@code soak progress: } line, if any
     */
    static String status(Duration soFar, Optional<String> harnessLine) {
        Optional<Matcher> report = harnessLine.map(PROGRESS::matcher).filter(Matcher::matches);
        if (report.isEmpty()) {
            return "soak: building the modules and starting the brokers and programs (./mvnw verify) ... "
                    + Progress.words(soFar);
        }
        Matcher figures = report.get();
        Duration faulted = Duration.ofSeconds(Long.parseLong(figures.group(1)));
        Duration planned = Duration.ofSeconds(Long.parseLong(figures.group(2)));
        String traffic = figures.group(4) + " requests (" + figures.group(5) + " acknowledged, " + figures.group(6)
                + " refused, " + figures.group(7) + " without a definite answer yet)";
        String stage = faulted.compareTo(planned) < 0 ? Progress.words(faulted) + " of " + Progress.words(planned)
                : "all " + Progress.words(planned) + " of faults done; retrying and auditing";
        return "soak: " + stage + ", " + figures.group(3) + " faults, " + traffic;
    }

    /** {@return the harness's last progress line in the end of {@code log}, if there is one yet} */
    static Optional<String> lastProgressLine(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith(PROGRESS_PREFIX)).toList();
            return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
        } catch (IOException unreadable) {
            return Optional.empty(); // Only a progress line: the soak's result is judged from the log later.
        }
    }

    private String results(Options options, String result) {
        return String.join("\n",
                "# Soak: the last result",
                "",
                "Written by `./wallet soak` after a passing run; commit it with the change it tested.",
                "",
                "- command: `" + options.asTyped() + "`",
                "- commit: " + commit(),
                "- machine: " + machine(),
                "- java: " + Machine.javaVersion(),
                "- everything on this one machine: both programs, Pulsar standalone, PostgreSQL, the load",
                "",
                "```",
                result.stripTrailing(),
                "```",
                "");
    }

    private String commit() {
        Machine.Commit commit = Machine.commit(paths.root(), "soak/RESULTS.md");
        return commit.head() + (commit.clean() ? "" : " (with uncommitted changes)");
    }

    private static String machine() {
        return Machine.cores() + " cores, " + Machine.memory() + " RAM, " + Machine.operatingSystem() + ", kernel "
                + Machine.kernel();
    }
}
