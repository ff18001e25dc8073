package com.acme.wallet.devstack;

import com.acme.wallet.testsupport.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a result file says about where it was measured: the machine, the JDK and the commit. */
final class Machine {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private Machine() {}

    /**
     * The commit a result was measured on.
     *
     * @param head the short hash, "unknown" outside a git checkout
     * @param clean whether nothing but the result file differs from it
     */
    record Commit(String head, boolean clean) {

        /** {@return such as {@code 0c7f372} or {@code 0c7f372, with uncommitted changes}} */
        String described() {
            return head + (clean ? "" : ", with uncommitted changes");
        }
    }

    /** {@return the time now, UTC, to the minute, as result files show it: {@code 2026-11-30T03:12Z}} */
    static String nowToTheMinute() {
        return OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'"));
    }

    /** {@return such as {@code 2 cores (AMD EPYC), 24 GiB RAM, Debian GNU/Linux 12 (bookworm)}} */
    static String summary() {
        return cores() + " cores (" + cpuModel() + "), " + memory() + " RAM, " + operatingSystem();
    }

    static Commit commit(Path root, String resultFile) {
        String head = firstLine(List.of("git", "-C", root.toString(), "rev-parse", "--short", "HEAD"));
        boolean clean = succeeds(List.of("git", "-C", root.toString(), "diff", "--quiet", "HEAD", "--", ".",
                ":!" + resultFile));
        return new Commit(head.isEmpty() ? "unknown" : head, clean);
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@return such as {@code AMD EPYC}: /proc/cpuinfo's first model name, or "unknown model"} */
    static String cpuModel() {
        return field(Path.of("/proc/cpuinfo"), "model name", ":").orElse("unknown model");
    }

    /** {@return such as {@code 24 GiB}, from /proc/meminfo} */
    static String memory() {
        long kilobytes = field(Path.of("/proc/meminfo"), "MemTotal", ":").map(value -> value.replaceAll("[^0-9]", ""))
                .filter(digits -> !digits.isEmpty()).map(Long::parseLong).orElse(0L);
        return Math.round(kilobytes / 1_048_576.0) + " GiB";
    }

    /** {@return such as {@code Debian GNU/Linux 12 (bookworm)}, from /etc/os-release} */
    static String operatingSystem() {
        return field(Path.of("/etc/os-release"), "PRETTY_NAME", "=").map(value -> value.replace("\"", ""))
                .orElse(System.getProperty("os.name"));
    }

    static String kernel() {
        return System.getProperty("os.version");
    }

    /** {@return the first line of {@code java -version}, such as {@code openjdk version "17.0.15" 2025-04-15}} */
    static String javaVersion() {
        return firstLine(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version"));
    }

    /** {@return the command's first line of output, empty if it fails} */
    static String firstLine(List<String> command) {
        try {
            return Processes.run(command, COMMAND_TIMEOUT).lines().findFirst().orElse("").strip();
        } catch (IOException failed) {
            return "";
        }
    }

    private static boolean succeeds(List<String> command) {
        try {
            Processes.run(command, COMMAND_TIMEOUT);
            return true;
        } catch (IOException failed) {
            return false;
        }
    }

    /** {@return the value of the first line of {@code file} that starts with {@code key} and then {@code separator}} */
    private static Optional<String> field(Path file, String key, String separator) {
        try {
            for (String line : Files.readAllLines(file)) {
                int at = line.indexOf(separator);
                if (at > 0 && line.substring(0, at).strip().toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
                    return Optional.of(line.substring(at + 1).strip());
                }
            }
        } catch (IOException unreadable) {
            // Say what is known.
        }
        return Optional.empty();
    }
}
