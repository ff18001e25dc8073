package com.acme.wallet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.testsupport.OpenApiContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /**
     * The ceiling answers as the REST API does, by the API's own code, except for what a server with
     * no state and no request log leaves out: a sequence (it answers 0, before any change) and the
     * request id. Any other drift of the reply from the OpenAPI document fails here.
     */
    @Test
    void an_add_breaks_the_apis_openapi_document_only_where_a_ceiling_has_no_state_and_no_request_id()
            throws Exception {
        String body = "{\"amount\": 10, \"reference\": \"wonbet-1\"}";
        HttpResponse<String> response = post("/add-funds/andrei", body);

        List<String> violations = OpenApiContract.wallet().violations("POST", "/add-funds/andrei",
                Map.of("Content-Type", List.of("application/json")), body, response.statusCode(),
                response.headers().map(), response.body());

        assertThat(violations.subList(1, violations.size())).as(String.join("\n", violations))
                .satisfiesExactlyInAnyOrder(
                violation -> assertThat(violation).contains("X-Request-Id"),
                violation -> assertThat(violation).contains("/sequence").contains("minimum"));
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
