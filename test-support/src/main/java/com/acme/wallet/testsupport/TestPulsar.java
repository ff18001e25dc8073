package com.acme.wallet.testsupport;

import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.pulsar.PulsarContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A running Pulsar broker for integration tests: its service URL and its admin (web) URL.
 *
 * <p>The broker is found once per JVM and shared by every test class, in this order:
 * <ol>
 *   <li>{@value #URL_VARIABLE} and {@value #ADMIN_URL_VARIABLE}: a broker of your choosing, such as
 *       the one {@code docker compose up} runs ({@code pulsar://127.0.0.1:6650} and
 *       {@code http://127.0.0.1:8080});
 *   <li>Testcontainers with {@value #IMAGE}, where a Docker engine answers;
 *   <li>otherwise the official Pulsar binary distribution, which the test-support build fetches from
 *       Maven Central, run as {@code bin/pulsar standalone} on free ports with a fresh data
 *       directory (see {@link LocalPulsarStandalone}).
 * </ol>
 * A broker started here is stopped when the JVM exits. Tests isolate themselves by topic: use
 * {@link #uniqueTopic(String)} rather than a shared name.
 */
public final class TestPulsar {

    /** The environment variable holding the service URL of a broker that overrides every other. */
    public static final String URL_VARIABLE = "WALLET_TEST_PULSAR_URL";
    /** The environment variable holding that broker's admin URL. */
    public static final String ADMIN_URL_VARIABLE = "WALLET_TEST_PULSAR_ADMIN_URL";
    /** The image Testcontainers runs, pinned to the client's version (the pom's {@code pulsar.version}). */
    public static final String IMAGE = "apachepulsar/pulsar:" + PulsarDistribution.version();

    private static final Logger LOG = LoggerFactory.getLogger(TestPulsar.class);

    private static TestPulsar shared;
    /** Why the broker could not be had, so that later test classes fail at once instead of trying again. */
    private static RuntimeException unavailable;

    private final String serviceUrl;
    private final String adminUrl;
    private final String origin;

    private TestPulsar(String serviceUrl, String adminUrl, String origin) {
        this.serviceUrl = serviceUrl;
        this.adminUrl = adminUrl;
        this.origin = origin;
    }

    /**
     * The JVM's broker, found or started on first use (starting takes 10 to 20 s).
     *
     * @return the broker
     * @throws IllegalStateException if no broker can be found or started, with the reason
     */
    public static synchronized TestPulsar broker() {
        if (unavailable != null) {
            throw new IllegalStateException("no Pulsar for tests (see the first failure)", unavailable);
        }
        if (shared == null) {
            long startedNanos = System.nanoTime();
            try {
                shared = find(System.getenv());
            } catch (RuntimeException failure) {
                unavailable = failure;
                throw failure;
            }
            LOG.info("Pulsar for tests: {} ({}, admin {}), ready after {} ms", shared.serviceUrl, shared.origin,
                    shared.adminUrl, (System.nanoTime() - startedNanos) / 1_000_000);
        }
        return shared;
    }

    /** {@return the broker's binary protocol URL, such as {@code pulsar://127.0.0.1:6650}} */
    public String serviceUrl() {
        return serviceUrl;
    }

    /** {@return the broker's admin (web service) URL, such as {@code http://127.0.0.1:8080}} */
    public String adminUrl() {
        return adminUrl;
    }

    /** {@return where the broker came from: the environment, Testcontainers or the distribution} */
    public String origin() {
        return origin;
    }

    /**
     * A topic name no other test uses, in the namespace every standalone broker has.
     *
     * @param purpose a readable prefix, letters, digits and dashes
     * @return {@code persistent://public/default/<purpose>-<random>}
     */
    public static String uniqueTopic(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return "persistent://public/default/" + purpose + "-" + HexFormat.of().formatHex(random);
    }

    private static TestPulsar find(Map<String, String> environment) {
        String url = environment.get(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            String adminUrl = environment.get(ADMIN_URL_VARIABLE);
            if (adminUrl == null || adminUrl.isBlank()) {
                throw new IllegalStateException(URL_VARIABLE + " is set, so set " + ADMIN_URL_VARIABLE
                        + " too (the broker's web service, such as http://127.0.0.1:8080)");
            }
            return new TestPulsar(url, adminUrl, "environment " + URL_VARIABLE);
        }
        if (dockerAnswers()) {
            return fromTestcontainers();
        }
        LocalPulsarStandalone standalone = LocalPulsarStandalone.start();
        return new TestPulsar(standalone.serviceUrl(), standalone.adminUrl(), "distribution " + standalone.home());
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError noDocker) {
            LOG.debug("no Docker engine", noDocker);
            return false;
        }
    }

    @SuppressWarnings("resource") // Stopped by the shutdown hook, as it is shared by the whole JVM.
    private static TestPulsar fromTestcontainers() {
        PulsarContainer container = new PulsarContainer(DockerImageName.parse(IMAGE));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-pulsar-container-stop"));
        return new TestPulsar(container.getPulsarBrokerUrl(), container.getHttpServiceUrl(), "Testcontainers " + IMAGE);
    }
}
