package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stopping the server finishes the requests in flight first and refuses new ones with a JSON 503. */
class GracefulStopTest {

    private static final String WON_BET = "{\"amount\":10,\"reference\":\"wonbet-1\"}";

    private ControllableEventLog log;
    private RunningApi api;
    private ApiClient client;

    @BeforeEach
    void startServerWithAWalletOf100() {
        log = new ControllableEventLog();
        api = RunningApi.over(log, HttpSettings.defaults("127.0.0.1", 0));
        client = api.client();
        client.openWallet("andrei", 100);
    }

    @AfterEach
    void stopServer() {
        log.confirmHeld();
        api.close();
    }

    @Test
    void a_change_in_flight_when_the_server_stops_is_answered_before_the_server_has_stopped() throws Exception {
        log.switchTo(ControllableEventLog.Mode.HOLD);
        CompletableFuture<ApiClient.ApiResponse> inFlight = client.postAsync("/add-funds/andrei", WON_BET);
        awaitUpTo(Duration.ofSeconds(5), () -> log.heldCount() == 1);

        CompletableFuture<Void> stopping = api.stopInBackground();
        Thread.sleep(200);
        assertThat(stopping).as("stop waits for the request in flight").isNotDone();
        log.confirmHeld();

        ApiClient.ApiResponse answer = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("balance").longValue()).isEqualTo(110);
        stopping.get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_request_on_an_open_connection_while_the_server_stops_answers_503_unavailable_in_json() throws Exception {
        try (Socket connection = new Socket("127.0.0.1", api.port())) {
            connection.setSoTimeout(5_000);
            assertThat(exchange(connection, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            log.switchTo(ControllableEventLog.Mode.HOLD);
            CompletableFuture<ApiClient.ApiResponse> inFlight = client.postAsync("/add-funds/andrei", WON_BET);
            awaitUpTo(Duration.ofSeconds(5), () -> log.heldCount() == 1);
            CompletableFuture<Void> stopping = api.stopInBackground();
            awaitUpTo(Duration.ofSeconds(10), api::isShuttingDown);

            String answer = exchange(connection, "GET /wallet/andrei HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 503");
            RawHttp.parse(answer.getBytes(StandardCharsets.ISO_8859_1), false).assertDocumentedAnswerTo("GET",
                    "/wallet/andrei");
            assertThat(answer.toLowerCase(Locale.ROOT))
                    .contains("content-type: application/json").contains("retry-after: 1");
            JsonNode body = new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(body.get("success").booleanValue()).isFalse();
            assertThat(body.get("code").asText()).isEqualTo("unavailable");
            log.confirmHeld();
            assertThat(inFlight.get(5, TimeUnit.SECONDS).status()).isEqualTo(201);
            stopping.get(5, TimeUnit.SECONDS);
        }
    }

    /** Sends one request on a kept-alive connection and reads one answer, its body by Content-Length. */
    private static String exchange(Socket connection, String request) throws IOException {
        connection.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        connection.getOutputStream().flush();
        InputStream in = connection.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(next);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        int contentLength = 0;
        for (String line : headText.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return headText + new String(in.readNBytes(contentLength), StandardCharsets.ISO_8859_1);
    }

    private static void awaitUpTo(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
                throw new AssertionError("condition not met within " + limit);
            }
            Thread.sleep(5);
        }
    }
}
