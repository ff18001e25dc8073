package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.acme.wallet.testsupport.LoopbackPorts;
import com.acme.wallet.testsupport.OpenApiContract;
import com.acme.wallet.testsupport.PostgresBinaries;
import com.acme.wallet.testsupport.Processes;
import com.acme.wallet.testsupport.PulsarDistribution;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dev-stack program as ./wallet runs it ({@code java -jar dev-stack.jar}), on free loopback
 * ports with a private ./data in a temporary checkout (links to this checkout's jars): its own
 * PostgreSQL cluster, Pulsar from the distribution, the REST API and the batch consumer.
 *
 * <p>{@code up --detach} has its output on a pipe, read to its end: the end comes only once every
 * process holding the pipe closed it, so the test fails if anything started keeps it open.
 */
class DevStackIT {

    /** Generous: a busy 2-core machine may take minutes for PostgreSQL, Pulsar and the REST API. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    /** The REST API reads its token file again within a second of a change; a busy machine may take longer. */
    private static final Duration TOKEN_RELOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path checkout = Path.of(System.getProperty("wallet.root", "..")).toAbsolutePath().normalize();
    private Path root;
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void a_private_checkout_with_free_ports() throws IOException {
        assumeThat(PostgresBinaries.runsAsRoot()).as("./wallet runs as root").isTrue();
        assumeThat(PostgresBinaries.newest()).as("the machine's PostgreSQL binaries").isPresent();
        Path jar = checkout.resolve("dev-stack/target/dev-stack.jar");
        assertThat(jar).as("built by the package phase").isRegularFile();
        assertThat(checkout.resolve("app-rest-api/target/app-rest-api.jar")).isRegularFile();
        assertThat(checkout.resolve("app-batch-consumer/target/app-batch-consumer.jar")).isRegularFile();

        root = Files.createTempDirectory("wallet-dev-stack-it-");
        // The postgres OS user must reach ./data (createTempDirectory makes it rwx------).
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String module : List.of("app-rest-api", "app-batch-consumer", "dev-stack")) {
            Files.createDirectories(root.resolve(module));
            Files.createSymbolicLink(root.resolve(module).resolve("target"), checkout.resolve(module).resolve("target"));
        }
        Files.createSymbolicLink(root.resolve("docker-compose.yml"), checkout.resolve("docker-compose.yml"));
        // The distribution unpacked once for every test run, instead of 245 MB again into this ./data.
        Path shared = PulsarDistribution.extractedInto(Path.of(System.getProperty("user.home"), ".cache",
                "wallet-service"), PulsarDistribution.archive().orElseThrow());
        Files.createDirectories(root.resolve("data/pulsar-dist"));
        Files.createSymbolicLink(root.resolve("data/pulsar-dist").resolve(shared.getFileName()), shared);

        environment.put("WALLET_INFRA", "local");
        environment.put("WALLET_PORT", Integer.toString(LoopbackPorts.free()));
        environment.put("WALLET_DB_PORT", Integer.toString(LoopbackPorts.free()));
        environment.put("WALLET_PULSAR_PORT", Integer.toString(LoopbackPorts.free()));
        environment.put("WALLET_PULSAR_HTTP_PORT", Integer.toString(LoopbackPorts.free()));
        environment.put("WALLET_BOOKIE_PORT", Integer.toString(LoopbackPorts.free()));
    }

    @AfterEach
    void everything_stopped_and_deleted() throws IOException {
        if (root != null) {
            Result down = wallet(COMMAND_TIMEOUT, "down");
            assertThat(down.status()).as(down.output()).isZero();
            Processes.deleteRecursively(root);
        }
    }

    @Test
    void up_detached_returns_with_the_api_healthy_and_its_pipe_closed_then_status_and_down_agree() throws Exception {
        Result up = wallet(UP_TIMEOUT, "up", "--detach");

        assertThat(up.status()).as(up.output()).isZero();
        assertThat(up.output()).contains(
                "] PostgreSQL: creating a cluster in ./data/postgres",
                "wallet: Pulsar: ready after",
                "wallet: REST API: /health answers 200 after",
                "wallet: batch consumer: running",
                "wallet: up: REST API on http://127.0.0.1:" + environment.get("WALLET_PORT"));
        assertThat(health()).isEqualTo(200);
        assertThat(get("/openapi.json")).as("the REST API serves its OpenAPI document").isEqualTo(200);
        the_walk_through_needs_the_token_up_printed_and_a_read_only_token_cannot_write(up.output());

        Result status = wallet(COMMAND_TIMEOUT, "status");
        assertThat(status.status()).as(status.output()).isZero();
        assertThat(status.output()).contains("running: cluster ./data/postgres", ", ready, pulsar://127.0.0.1:",
                "/health answers 200", "batch-consumer   running: pid ");

        Result down = wallet(COMMAND_TIMEOUT, "down");
        assertThat(down.status()).as(down.output()).isZero();
        assertThat(down.output()).contains("stopping PostgreSQL (cluster ./data/postgres)",
                "wallet: stopped; the data in ./data is kept");
        assertThat(health()).isZero();
        assertThat(root.resolve("data/postgres/PG_VERSION")).as("the data survives down").isRegularFile();

        Result after = wallet(COMMAND_TIMEOUT, "status");
        assertThat(after.status()).isEqualTo(StatusCommand.NOT_ALL_RUNNING);
    }

    /**
     * The README's walk-through with the token {@code up} printed (in {@code data/dev-token}, mode
     * 600); without it, 401; with a read-only token added to {@code data/tokens} while the REST API
     * runs, a read answers and a write gets 403 and changes nothing.
     */
    private void the_walk_through_needs_the_token_up_printed_and_a_read_only_token_cannot_write(String upOutput)
            throws IOException, InterruptedException {
        Path tokenPath = root.resolve("data/dev-token");
        String token = Files.readString(tokenPath, StandardCharsets.UTF_8).strip();
        assertThat(upOutput).as("up prints the development token").contains(token);
        assertThat(Files.getPosixFilePermissions(tokenPath)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        assertThat(call("POST", "/wallet/andrei", "{\"amount\": 100}", token).status()).isEqualTo(201);
        assertThat(call("POST", "/add-funds/andrei", "{\"amount\": 10, \"reference\": \"wonbet-1\"}", token)
                .status()).isEqualTo(201);
        assertThat(call("GET", "/wallet/andrei", null, token))
                .isEqualTo(new Answer(200, "{\"userId\":\"andrei\",\"balance\":110}"));
        assertThat(call("GET", "/wallet/andrei", null, null).status()).as("a read without the token").isEqualTo(401);
        assertThat(call("POST", "/add-funds/andrei", "{\"amount\": 10, \"reference\": \"wonbet-2\"}", null)
                .status()).as("a write without the token").isEqualTo(401);

        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String readOnly = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Files.writeString(root.resolve("data/tokens"), "reader wallet:read " + DevToken.hashOf(readOnly) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        long deadline = System.nanoTime() + TOKEN_RELOAD_TIMEOUT.toNanos();
        while (call("GET", "/wallet/andrei", null, readOnly).status() != 200) {
            assertThat(System.nanoTime()).as("the REST API takes the added token within " + TOKEN_RELOAD_TIMEOUT)
                    .isLessThan(deadline);
            Thread.sleep(POLL.toMillis());
        }
        Answer refused = call("POST", "/add-funds/andrei", "{\"amount\": 10, \"reference\": \"wonbet-3\"}",
                readOnly);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("forbidden");
        assertThat(call("GET", "/wallet/andrei", null, token).body()).as("the refused write changed nothing")
                .isEqualTo("{\"userId\":\"andrei\",\"balance\":110}");
    }

    private record Result(int status, String output) {}

    /** An answer of the REST API: its status, 0 if it did not answer, and its body. */
    private record Answer(int status, String body) {}

    /** Runs the program with its output on a pipe, read to its end, all within {@code timeout}. */
    private Result wallet(Duration timeout, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dwallet.root=" + root, "-jar", root.resolve("dev-stack/target/dev-stack.jar").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readToEnd(process.getInputStream()));
        try {
            String text = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited once its output ended").isTrue();
            return new Result(process.exitValue(), text);
        } catch (java.util.concurrent.TimeoutException stuck) {
            process.destroyForcibly();
            throw new AssertionError("./wallet " + String.join(" ", arguments) + " did not close its output within "
                    + timeout + " (alive: " + process.isAlive() + ")", stuck);
        } catch (java.util.concurrent.ExecutionException | InterruptedException failure) {
            process.destroyForcibly();
            throw new AssertionError(failure);
        }
    }

    private static String readToEnd(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }

    private int health() throws InterruptedException {
        return get("/health");
    }

    /**
     * {@return the REST API's answer to a request with a JSON body (or none), sent with the token or
     *     without one}; fails the test if the exchange breaks the OpenAPI document (a request without
     *     a token breaks it on purpose: then only the answer is checked)
     */
    private Answer call(String method, String path, String jsonBody, String token) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + environment.get("WALLET_PORT") + path)).timeout(Duration.ofSeconds(5));
        Optional.ofNullable(token).ifPresent(value -> builder.header("Authorization", "Bearer " + value));
        if (jsonBody == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        HttpRequest request = builder.build();
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException notAnswering) {
            return new Answer(0, "");
        }
        if (token == null) {
            OpenApiContract.assertValidAnswerToInvalidRequest(method, path, answer.statusCode(),
                    answer.headers().map(), answer.body());
        } else {
            OpenApiContract.assertValid(method, path, request.headers().map(), jsonBody, answer.statusCode(),
                    answer.headers().map(), answer.body());
        }
        return new Answer(answer.statusCode(), answer.body());
    }

    /**
     * {@return the status of {@code GET path} on the REST API, or 0 if it does not answer}; fails the
     * test if the exchange breaks the OpenAPI document
     */
    private int get(String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.get("WALLET_PORT")
                + path)).timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException notAnswering) {
            return 0;
        }
        OpenApiContract.assertValid("GET", path, request.headers().map(), null, answer.statusCode(),
                answer.headers().map(), answer.body());
        return answer.statusCode();
    }
}
