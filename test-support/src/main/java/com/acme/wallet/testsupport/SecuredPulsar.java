package com.acme.wallet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Pulsar standalone broker of one test's own with token authentication and authorisation on, as
 * a production broker of the wallet runs: every client must present a token (a JWT signed with the
 * broker's secret key), and a role may do only what it was granted. {@value #SUPER_USER} is the
 * super-user, which the standalone's own internal client uses too.
 *
 * <p>The secret key and each role's token are made with the distribution's own
 * {@code bin/pulsar tokens} commands, as an operator would make them, and permissions are granted
 * with its {@code bin/pulsar-admin} ({@link #pulsarAdmin}). The {@linkplain TestPulsar shared broker}
 * stays without authentication; this one runs on its own loopback ports with its own data, and
 * closing it stops it and deletes everything, keys and tokens included.
 */
public final class SecuredPulsar implements AutoCloseable {

    /** The super-user role: the broker's own internal client, and the operator granting permissions. */
    public static final String SUPER_USER = "wallet-test-admin";

    private static final Logger LOG = LoggerFactory.getLogger(SecuredPulsar.class);
    /** One {@code bin/pulsar} or {@code bin/pulsar-admin} command: a JVM start, slow on a loaded machine. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final String COMMAND_MEMORY = "PULSAR_MEM=-Xms64m -Xmx256m";
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final String TOKEN_PLUGIN = "org.apache.pulsar.client.impl.auth.AuthenticationToken";

    private final LocalPulsarStandalone standalone;
    private final Path keys;
    /** The TLS ports, 0 when the broker has no TLS. */
    private final int brokerTlsPort;
    private final int webTlsPort;

    private SecuredPulsar(LocalPulsarStandalone standalone, Path keys, int brokerTlsPort, int webTlsPort) {
        this.standalone = standalone;
        this.keys = keys;
        this.brokerTlsPort = brokerTlsPort;
        this.webTlsPort = webTlsPort;
    }

    /**
     * Makes a secret key and a token for the super-user and each role, starts the broker and waits
     * until it serves topics in {@code public/default}.
     *
     * @param roles the roles to make tokens for (the super-user's is always made)
     * @return the running broker; close it to stop it and delete its data
     * @throws IllegalStateException if it cannot be started, with the reason
     */
    public static SecuredPulsar start(String... roles) {
        return start(false, roles);
    }

    /**
     * Like {@link #start}, and the broker also serves TLS on ports of its own
     * ({@link #tlsServiceUrl()}, {@link #tlsAdminUrl()}) with a certificate for {@code localhost} only
     * (no IP address), signed by a CA made for this broker ({@link #trustedCertificates()}), with
     * the machine's {@code openssl}.
     *
     * @param roles the roles to make tokens for
     * @return the running broker
     */
    public static SecuredPulsar startWithTls(String... roles) {
        return start(true, roles);
    }

    private static SecuredPulsar start(boolean tls, String... roles) {
        Path home = LocalPulsarStandalone.extractedDistribution();
        Path keys = null;
        try {
            keys = Files.createTempDirectory("wallet-test-pulsar-keys-");
            Path secretKey = keys.resolve("secret.key");
            run(home, List.of("bin/pulsar", "tokens", "create-secret-key", "--output", secretKey.toString()));
            List<String> everyRole = new ArrayList<>(List.of(roles));
            everyRole.add(SUPER_USER);
            for (String role : everyRole) {
                Files.writeString(keys.resolve(role + ".token"), createToken(home, secretKey, role), StandardCharsets.UTF_8);
            }
            Path superUserToken = keys.resolve(SUPER_USER + ".token");
            Map<String, String> settings = settings(secretKey, superUserToken);
            int brokerTlsPort = tls ? LoopbackPorts.free() : 0;
            int webTlsPort = tls ? LoopbackPorts.free() : 0;
            if (tls) {
                settings.putAll(tlsSettings(keys, brokerTlsPort, webTlsPort));
            }
            LocalPulsarStandalone standalone = LocalPulsarStandalone.start(
                    settings, Optional.of(Files.readString(superUserToken)));
            SecuredPulsar broker = new SecuredPulsar(standalone, keys, brokerTlsPort, webTlsPort);
            broker.awaitPublicDefault();
            return broker;
        } catch (IOException | RuntimeException failure) {
            deleteQuietly(keys);
            throw new IllegalStateException("cannot start a Pulsar standalone with authentication", failure);
        }
    }

    /** The broker settings the README's Security section names, for a token-secured standalone. */
    private static Map<String, String> settings(Path secretKey, Path superUserToken) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("authenticationEnabled", "true");
        settings.put("authenticationProviders", "org.apache.pulsar.broker.authentication.AuthenticationProviderToken");
        settings.put("tokenSecretKey", "file://" + secretKey.toAbsolutePath());
        settings.put("authorizationEnabled", "true");
        settings.put("superUserRoles", SUPER_USER);
        // The standalone's own client (creating public/default, the health check) authenticates too.
        settings.put("brokerClientAuthenticationPlugin", TOKEN_PLUGIN);
        settings.put("brokerClientAuthenticationParameters", "file://" + superUserToken.toAbsolutePath());
        return settings;
    }

    /**
     * A CA and a broker certificate for {@code localhost} signed by it, as PEM files, and the broker's
     * TLS ports. The plain ports stay: the standalone's own client uses them.
     */
    private static Map<String, String> tlsSettings(Path keys, int brokerTlsPort, int webTlsPort) throws IOException {
        Path caKey = keys.resolve("ca.key.pem");
        Path ca = keys.resolve("ca.cert.pem");
        Path brokerKey = keys.resolve("broker.key.pem");
        Path request = keys.resolve("broker.csr.pem");
        Path certificate = keys.resolve("broker.cert.pem");
        Path extensions = Files.writeString(keys.resolve("broker.ext"), "subjectAltName=DNS:localhost\n");
        Processes.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(),
                "-out", ca.toString(), "-days", "2", "-subj", "/CN=wallet-test-ca"), COMMAND_TIMEOUT);
        Processes.run(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", brokerKey.toString(),
                "-out", request.toString(), "-subj", "/CN=localhost"), COMMAND_TIMEOUT);
        Processes.run(List.of("openssl", "x509", "-req", "-in", request.toString(), "-CA", ca.toString(),
                "-CAkey", caKey.toString(), "-set_serial", "2", "-days", "2", "-extfile", extensions.toString(),
                "-out", certificate.toString()), COMMAND_TIMEOUT);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("brokerServicePortTls", Integer.toString(brokerTlsPort));
        settings.put("webServicePortTls", Integer.toString(webTlsPort));
        settings.put("tlsCertificateFilePath", certificate.toString());
        settings.put("tlsKeyFilePath", brokerKey.toString());
        settings.put("tlsTrustCertsFilePath", ca.toString());
        return settings;
    }

    /** {@return the TLS binary protocol URL, {@code pulsar+ssl://localhost:port}} @throws IllegalStateException without TLS */
    public String tlsServiceUrl() {
        return "pulsar+ssl://localhost:" + requireTls(brokerTlsPort);
    }

    /** {@return the TLS admin URL, {@code https://localhost:port}} @throws IllegalStateException without TLS */
    public String tlsAdminUrl() {
        return "https://localhost:" + requireTls(webTlsPort);
    }

    /** {@return the PEM file of the CA that signed the broker's certificate} @throws IllegalStateException without TLS */
    public Path trustedCertificates() {
        requireTls(brokerTlsPort);
        return keys.resolve("ca.cert.pem");
    }

    private static int requireTls(int port) {
        if (port == 0) {
            throw new IllegalStateException("this broker has no TLS: start it with startWithTls");
        }
        return port;
    }

    /** {@return the broker's binary protocol URL} */
    public String serviceUrl() {
        return standalone.serviceUrl();
    }

    /** {@return the broker's admin (web service) URL} */
    public String adminUrl() {
        return standalone.adminUrl();
    }

    /**
     * {@return the file holding a role's token, made at start}
     *
     * @param role a role given to {@link #start} or {@link #SUPER_USER}
     * @throws IllegalArgumentException if no token was made for it
     */
    public Path tokenFile(String role) {
        Path file = keys.resolve(role + ".token");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no token was made for the role " + role);
        }
        return file;
    }

    /** {@return a role's token} @param role a role given to {@link #start} or {@link #SUPER_USER} */
    public String token(String role) {
        try {
            return Files.readString(tokenFile(role), StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * Runs the distribution's {@code bin/pulsar-admin} as the super-user against this broker, as an
     * operator would, such as {@code pulsarAdmin("topics", "create", topic)}.
     *
     * @param arguments the command and its arguments
     * @return its output
     * @throws IllegalStateException if it fails or takes longer than a minute, with its output
     */
    public String pulsarAdmin(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bin/pulsar-admin", "--admin-url", adminUrl(),
                "--auth-plugin", TOKEN_PLUGIN, "--auth-params", "file://" + tokenFile(SUPER_USER).toAbsolutePath()));
        command.addAll(List.of(arguments));
        try {
            return run(standalone.home(), command);
        } catch (IOException failure) {
            throw new IllegalStateException("pulsar-admin " + String.join(" ", arguments) + " failed", failure);
        }
    }

    /** Stops the broker and deletes its data, its key and the tokens. */
    @Override
    public void close() {
        try {
            standalone.close();
        } finally {
            deleteQuietly(keys);
        }
    }

    /** Topics go into {@code public/default}, which the standalone creates (through its own client) after it answers. */
    private void awaitPublicDefault() {
        PulsarAdminProbe probe = new PulsarAdminProbe(adminUrl(), Optional.of(token(SUPER_USER)));
        long deadline = System.nanoTime() + LocalPulsarStandalone.READY_TIMEOUT.toNanos();
        while (!probe.isReady()) {
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the secured Pulsar standalone had no public/default or failed its "
                        + "health check within " + LocalPulsarStandalone.READY_TIMEOUT);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for Pulsar", interrupted);
            }
        }
    }

    private static String createToken(Path home, Path secretKey, String role) throws IOException {
        String output = run(home, List.of("bin/pulsar", "tokens", "create",
                "--secret-key", "file://" + secretKey.toAbsolutePath(), "--subject", role));
        List<String> tokens = Stream.of(output.split("\\R")).map(String::strip).filter(line -> JWT.matcher(line).matches())
                .toList();
        if (tokens.size() != 1) {
            throw new IOException("bin/pulsar tokens create printed no single token for " + role);
        }
        return tokens.get(0);
    }

    /** Runs a command of the distribution with a small heap: these are short-lived tools. */
    private static String run(Path home, List<String> command) throws IOException {
        List<String> inHome = new ArrayList<>(List.of("env", COMMAND_MEMORY));
        inHome.add(home.resolve(command.get(0)).toString());
        inHome.addAll(command.subList(1, command.size()));
        LOG.debug("running {}", command.get(0) + " " + command.get(1));
        return Processes.run(inHome, COMMAND_TIMEOUT);
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            Processes.deleteRecursively(directory);
        } catch (IOException leftBehind) {
            LOG.warn("could not delete {}", directory, leftBehind);
        }
    }
}
