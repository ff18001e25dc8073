package com.acme.wallet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BareServerTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private CeilingServer server;

    @BeforeEach
    void start() {
        server = BareServer.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void an_add_is_answered_201_with_a_reply_shaped_like_the_service() throws Exception {
        HttpResponse<String> response = post("/add-funds/andrei", "{\"amount\": 10, \"reference\": \"wonbet-1\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo(
                "{\"success\":true,\"msg\":\"Created\",\"userId\":\"andrei\",\"reference\":\"wonbet-1\","
                        + "\"amount\":10,\"balance\":0,\"sequence\":0}");
    }

    @Test
    void a_body_that_is_not_json_is_refused_with_400() throws Exception {
        HttpResponse<String> response = post("/add-funds/andrei", "amount=10&reference=wonbet-1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"invalid_request\",\"msg\":\"body is not valid JSON\"}");
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
