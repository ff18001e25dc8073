package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessesTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    @Test
    void a_started_component_is_detached_from_the_caller_and_stops_on_sigterm() throws Exception {
        StackPaths paths = StackPaths.of(root);
        Files.createDirectories(paths.run());
        ManagedProcesses processes = new ManagedProcesses(paths, console);
        // bash -c takes the marker as $0, and sleep is run under a name holding it, so that the
        // command line holds the marker as the REST API's would.
        processes.startDetached("rest-api", paths.log("rest-api"), List.of("bash", "-c",
                "echo started; exec -a \"sleep-for $0\" sleep 120", paths.restApiJar().toString()), Map.of(), root);
        long pid = processes.pidOf("rest-api").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!ManagedProcesses.commandLine(pid).startsWith("sleep-for ") && System.nanoTime() < deadline) {
            Thread.sleep(50); // setsid and bash exec in turn; the pid stays the same
        }

        Path descriptors = Path.of("/proc", Long.toString(pid), "fd");
        assertThat(Files.readSymbolicLink(descriptors.resolve("0"))).isEqualTo(Path.of("/dev/null"));
        assertThat(Files.readSymbolicLink(descriptors.resolve("1"))).isEqualTo(paths.log("rest-api"));
        assertThat(Files.readSymbolicLink(descriptors.resolve("2"))).isEqualTo(paths.log("rest-api"));
        try (var open = Files.list(descriptors)) {
            assertThat(open.count()).as("descriptors: only 0, 1 and 2, none inherited").isEqualTo(3);
        }
        assertThat(sessionOf(pid)).as("its own session").isEqualTo(pid);

        processes.stop("rest-api", Duration.ofSeconds(30));

        assertThat(processes.running("rest-api")).isFalse();
        assertThat(processes.pidFile("rest-api")).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rest-api stopped (exit status 143)");
        assertThat(ManagedProcesses.commandLine(pid)).doesNotStartWith("sleep-for ");
        assertThat(Files.readString(paths.log("rest-api"))).contains("rest-api started by ./wallet up", "started");
    }

    @Test
    void a_pid_file_naming_another_program_does_not_count() throws Exception {
        StackPaths paths = StackPaths.of(root);
        Files.createDirectories(paths.run());
        Files.writeString(paths.run().resolve("pulsar.pid"), ProcessHandle.current().pid() + "\n");

        assertThat(new ManagedProcesses(paths, console).running("pulsar")).isFalse();
    }

    /** The session id: the sixth field of /proc/PID/stat, counted after the command's closing parenthesis. */
    private static long sessionOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }
}
