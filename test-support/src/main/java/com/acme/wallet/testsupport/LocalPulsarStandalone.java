package com.acme.wallet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Pulsar standalone broker from the official binary distribution, run as a child process for
 * tests on machines without Docker.
 *
 * <ul>
 *   <li>The distribution archive is the one the test-support build copied from Maven Central (its
 *       path is written into {@code test-pulsar.properties} at build time), else the copy in the
 *       local Maven repository. It is extracted once into
 *       {@code ~/.cache/wallet-service/apache-pulsar-<version>} and reused.
 *   <li>{@code bin/pulsar standalone -nfw -nss}: no functions worker, no stream storage. The broker
 *       and web ports are free ports picked at start, bound to 127.0.0.1, so it never clashes with a
 *       stack on 6650/8080 nor with another build's broker; the bookie picks its own port; metadata
 *       lives in RocksDB, so there is no ZooKeeper port. Everything is stored in a fresh temporary
 *       directory, deleted again at exit.
 *   <li>{@code journalSyncData=false}, the standalone default, stated explicitly: the bookie does not
 *       fsync its journal. That is right for throw-away test data and wrong for a real deployment.
 *   <li>{@code PULSAR_MEM} {@value #PULSAR_MEM}: a standalone broker with its bookie needs well
 *       under 2 GB this way.
 *   <li>Ready once {@code GET /admin/v2/clusters} lists {@code standalone}, within
 *       {@link #READY_TIMEOUT}; otherwise the start fails with the tail of the broker's output.
 *   <li>A shutdown hook stops it. Should the JVM die without running hooks (SIGKILL), the wrapper
 *       script sees its standard input close and stops the broker too.
 *   <li>{@link #freeze()} sends SIGSTOP to the broker's JVM (bookie and metadata store included: they
 *       run in it) and {@link #thaw()} SIGCONT. Stopping the broker thaws it first, and the wrapper
 *       sends SIGCONT after its SIGTERM, because a stopped process acts on SIGTERM only once it is
 *       continued: a broker left frozen would otherwise outlive its test.
 * </ul>
 */
final class LocalPulsarStandalone {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    static final String PULSAR_MEM = "-Xms256m -Xmx768m -XX:MaxDirectMemorySize=512m";

    private static final Logger LOG = LoggerFactory.getLogger(LocalPulsarStandalone.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 60;
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(10);
    /** The main class the distribution's {@code bin/pulsar standalone} runs: it names the broker's JVM. */
    private static final String BROKER_MAIN_CLASS = "org.apache.pulsar.PulsarStandaloneStarter";

    /**
     * Stops the broker with the JVM, and also when the JVM dies without running its hooks: the
     * JVM holds this script's standard input open, and when it closes, the script stops the broker
     * and deletes its data. It also ends by itself when the broker exits, so a broker that dies
     * while starting is noticed.
     */
    private static final String WRAPPER = String.join("\n",
            "\"$PULSAR_HOME/bin/pulsar\" standalone -nfw -nss --bookkeeper-dir \"$DATA/bookkeeper\" "
                    + "--metadata-dir \"$DATA/metadata\" < /dev/null &",
            "broker=$!",
            "stop() { kill \"$broker\" 2>/dev/null; kill -CONT \"$broker\" 2>/dev/null; wait \"$broker\"; exit 0; }",
            "orphaned() { kill \"$broker\" 2>/dev/null; kill -CONT \"$broker\" 2>/dev/null; wait \"$broker\";"
                    + " rm -rf -- \"$DATA\"; exit 0; }",
            "trap stop TERM INT",
            "while kill -0 \"$broker\" 2>/dev/null; do",
            "  read -r -t 1 _; status=$?",
            "  if [ \"$status\" -ne 0 ] && [ \"$status\" -le 128 ]; then orphaned; fi",
            "done",
            "wait \"$broker\"",
            "");

    private final Path home;
    private final Path data;
    private final Path config;
    private final String serviceUrl;
    private final String adminUrl;
    /** The token the readiness probes present, for a broker with authentication. */
    private final Optional<String> probeToken;
    private Process process;
    /** The broker JVM's pid while it is frozen (SIGSTOP sent, SIGCONT not yet), else 0. */
    private long frozenPid;

    private LocalPulsarStandalone(Path home, Path data, Path config, Process process, int brokerPort, int webPort,
            Optional<String> probeToken) {
        this.home = home;
        this.probeToken = probeToken;
        this.data = data;
        this.config = config;
        this.process = process;
        this.serviceUrl = "pulsar://127.0.0.1:" + brokerPort;
        this.adminUrl = "http://127.0.0.1:" + webPort;
    }

    /**
     * Extracts the distribution if needed, starts the broker and waits until it is ready.
     *
     * @return the running broker, stopped at JVM exit
     * @throws IllegalStateException if the distribution is missing or the broker does not become
     *     ready in time
     */
    static LocalPulsarStandalone start() {
        return start(Map.of(), Optional.empty());
    }

    /**
     * Like {@link #start()}, with more settings, such as authentication's.
     *
     * @param extraSettings keys of {@code standalone.conf} and their values, set after this class's own
     * @param probeToken the token the readiness probes present (a super-user's), for a broker with
     *     authentication
     * @return the running broker, stopped at JVM exit
     */
    static LocalPulsarStandalone start(Map<String, String> extraSettings, Optional<String> probeToken) {
        Path home = extractedDistribution();
        try {
            Path data = Files.createTempDirectory("wallet-test-pulsar-");
            int brokerPort = LoopbackPorts.free();
            int webPort = LoopbackPorts.free();
            Path config = writeConfig(home, data, brokerPort, webPort, extraSettings);
            LocalPulsarStandalone broker = new LocalPulsarStandalone(home, data, config,
                    launch(home, data, config), brokerPort, webPort, probeToken);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "test-pulsar-standalone-stop"));
            broker.awaitReady();
            return broker;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot start Pulsar standalone from " + home, failure);
        }
    }

    String serviceUrl() {
        return serviceUrl;
    }

    /**
     * Stops the broker and keeps its data, as an outage would: {@link #resume()} starts it again
     * on the same ports with everything it stored.
     */
    synchronized void pause() {
        halt();
    }

    /** Starts a {@linkplain #pause() paused} broker again and waits until it is ready. */
    synchronized void resume() {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker runs already");
        }
        try {
            process = launch(home, data, config);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot start Pulsar standalone again", failure);
        }
        awaitReady();
    }

    /**
     * Freezes the running broker with SIGSTOP, as a long garbage-collection pause or a descheduled
     * virtual machine would: its connections stay open but nothing answers, and whatever clients
     * sent meanwhile is read and possibly stored once it is {@linkplain #thaw() thawed}. The signal
     * goes to the broker's JVM itself, not to the wrapper shell, which would merely stop waiting.
     *
     * @throws IllegalStateException if the broker is not running, is frozen already, or the signal
     *     cannot be sent
     */
    synchronized void freeze() {
        if (frozenPid != 0) {
            throw new IllegalStateException("the broker is frozen already");
        }
        long pid = brokerJvm().pid();
        try {
            signal(pid, "STOP");
        } catch (IllegalStateException failed) {
            // The signal may have arrived although kill did not report it: never leave it frozen.
            signal(pid, "CONT");
            throw failed;
        }
        frozenPid = pid;
    }

    /**
     * Continues a {@linkplain #freeze() frozen} broker with SIGCONT and waits until it answers
     * again. Does nothing if it is not frozen, so that it is safe in a {@code finally}.
     */
    synchronized void thaw() {
        if (frozenPid == 0) {
            return;
        }
        long pid = frozenPid;
        frozenPid = 0;
        signal(pid, "CONT");
        awaitReady();
    }

    /** Stops the broker and deletes its data. */
    void close() {
        stop();
    }

    String adminUrl() {
        return adminUrl;
    }

    Path home() {
        return home;
    }

    /**
     * The distribution extracted once into {@code ~/.cache/wallet-service} and reused: the archive the
     * build copied, else the one in the local Maven repository.
     */
    static Path extractedDistribution() {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "wallet-service");
        Path home = cache.resolve(PulsarDistribution.directoryName());
        if (PulsarDistribution.isExtracted(home)) {
            return home;
        }
        Path archive = PulsarDistribution.archive().orElseThrow(() -> new IllegalStateException(
                "no Pulsar distribution at " + PulsarDistribution.candidates() + "; run ./mvnw -pl test-support "
                        + "package to fetch it, or start a broker and set " + TestPulsar.URL_VARIABLE + " and "
                        + TestPulsar.ADMIN_URL_VARIABLE));
        return PulsarDistribution.extractedInto(cache, archive);
    }

    /** The distribution's standalone configuration with this broker's ports and addresses. */
    private static Path writeConfig(Path home, Path data, int brokerPort, int webPort, Map<String, String> extraSettings)
            throws IOException {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("brokerServicePort", Integer.toString(brokerPort));
        overrides.put("webServicePort", Integer.toString(webPort));
        overrides.put("bindAddress", "127.0.0.1");
        overrides.put("advertisedAddress", "127.0.0.1");
        overrides.put("journalSyncData", "false");
        // Unlimited retention as the broker's default too: a topic's own policy arrives late after a
        // restart, and until then the broker may trim acknowledged ledgers (apache/pulsar#20968).
        overrides.put("defaultRetentionTimeInMinutes", "-1");
        overrides.put("defaultRetentionSizeInMB", "-1");
        overrides.putAll(extraSettings);
        return PulsarStandaloneConfig.write(home, List.of(), overrides, data.resolve("standalone.conf"));
    }

    private static Process launch(Path home, Path data, Path config) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", WRAPPER)
                .directory(data.toFile())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("standalone.out").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("PULSAR_HOME", home.toString());
        environment.put("DATA", data.toString());
        environment.put("PULSAR_STANDALONE_CONF", config.toString());
        environment.put("PULSAR_LOG_DIR", data.resolve("logs").toString());
        environment.put("PULSAR_MEM", PULSAR_MEM);
        LOG.info("starting Pulsar standalone from {} in {}", home, data);
        return builder.start();
    }

    private void awaitReady() {
        PulsarAdminProbe probe = new PulsarAdminProbe(adminUrl, probeToken);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw startFailure("Pulsar standalone exited with status " + process.exitValue() + " while starting");
            }
            if (probe.listsStandaloneCluster()) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        // Read the output first: stopping deletes the data directory, and the output with it.
        IllegalStateException notReady = startFailure("Pulsar standalone was not ready within " + READY_TIMEOUT);
        stop();
        throw notReady;
    }

    /**
     * Waits until the broker passes Pulsar's own health check ({@code GET /admin/v2/brokers/health}:
     * it loads a heartbeat topic and sends and reads a message through its bookie), within
     * {@link #READY_TIMEOUT}. Listing the cluster shows only that the web service answers; on a
     * loaded machine the broker may take many seconds more before it serves a topic.
     *
     * @throws IllegalStateException if it does not pass in time
     */
    void awaitHealthy() {
        PulsarAdminProbe probe = new PulsarAdminProbe(adminUrl, probeToken);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (probe.passesHealthCheck()) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("Pulsar did not pass its health check within " + READY_TIMEOUT
                + "; last lines of its output:\n" + outputTail());
    }

    private IllegalStateException startFailure(String reason) {
        return new IllegalStateException(
                reason + " (data in " + data + "); last lines of its output:\n" + outputTail());
    }

    private String outputTail() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("standalone.out"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException unreadable) {
            return "(output unreadable: " + unreadable + ")";
        }
    }

    /** Stops the broker (the wrapper forwards the signal) and deletes its data. */
    private synchronized void stop() {
        halt();
        try {
            deleteRecursively(data);
        } catch (IOException | UncheckedIOException leftBehind) {
            LOG.warn("could not delete {}", data, leftBehind);
        }
    }

    /** Stops the broker (the wrapper forwards the signal), keeping its data; a frozen one is continued first. */
    private void halt() {
        if (frozenPid != 0) {
            try {
                signal(frozenPid, "CONT");
            } catch (IllegalStateException alreadyGone) {
                LOG.warn("could not continue the frozen broker before stopping it", alreadyGone);
            }
            frozenPid = 0;
        }
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The broker's JVM: the wrapper's descendant that runs the standalone's main class. */
    private ProcessHandle brokerJvm() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the broker is not running");
        }
        return process.descendants()
                .filter(child -> child.info().commandLine().map(line -> line.contains(BROKER_MAIN_CLASS)).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no process running " + BROKER_MAIN_CLASS
                        + " under the wrapper " + process.pid()));
    }

    /** Sends a signal with {@code kill}: the JDK sends only SIGTERM and SIGKILL. */
    private static void signal(long pid, String signal) {
        try {
            run(List.of("kill", "-s", signal, Long.toString(pid)), SIGNAL_TIMEOUT);
            LOG.info("sent SIG{} to the Pulsar standalone JVM {}", signal, pid);
        } catch (IOException failure) {
            throw new IllegalStateException("cannot send SIG" + signal + " to " + pid, failure);
        }
    }

    private static void run(List<String> command, Duration timeout) throws IOException {
        Processes.run(command, timeout);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Pulsar", interrupted);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        Processes.deleteRecursively(root);
    }
}
