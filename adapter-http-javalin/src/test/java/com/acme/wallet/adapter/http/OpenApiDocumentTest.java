package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.testsupport.OpenApiContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the code that serves it cannot drift apart: every route Javalin has is
 * an operation of the document and every operation a route, every stable error code is in its
 * enum, it is served as stored, and the contract the tests check against it bites.
 */
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Map<String, List<String>> JSON_ANSWER = Map.of("Content-Type", List.of("application/json"),
            "X-Request-Id", List.of("r-1"));

    private PrometheusMeterRegistry registry;
    private RunningApi api;

    @BeforeEach
    void startTheMeasuredApi() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        api = RunningApi.overInMemoryLog(new HttpMetrics(registry, registry::scrape));
    }

    @AfterEach
    void stopServer() {
        api.close();
        registry.close();
    }

    @Test
    void every_route_javalin_serves_is_an_operation_of_the_document_and_every_operation_a_route() {
        Set<String> routes = api.routes().stream().map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(documentedOperations()).isEqualTo(routes);
    }

    @Test
    void every_stable_error_code_is_in_the_documents_enum_and_every_recorded_refusal_in_its_own() {
        JsonNode schemas = document().path("components").path("schemas");

        assertThat(texts(schemas.path("ErrorCode").path("enum"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).toList());
        assertThat(texts(schemas.path("RefusalCode").path("enum"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(RefusalCode.values()).map(refusal -> ErrorCode.of(refusal).wire()).toList());
    }

    @Test
    void the_document_is_served_at_openapi_json_exactly_as_stored() throws IOException {
        ApiClient.ApiResponse served = api.client().get(OpenApiDocument.PATH);

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).hasValue("application/json");
        assertThat(served.body()).isEqualTo(new String(documentBytes(), StandardCharsets.UTF_8));
        assertThat(served.header(RequestLog.HEADER)).isPresent();
    }

    @Test
    void the_document_is_timed_and_logged_like_every_other_route() {
        api.client().get(OpenApiDocument.PATH);

        assertThat(api.client().get("/metrics").body())
                .contains("wallet_http_requests_seconds_count{method=\"GET\",route=\"/openapi.json\",status=\"200\"}");
    }

    @Test
    void an_answer_the_document_describes_passes() {
        assertThat(answerToGetWallet(200, JSON_ANSWER, "{\"userId\":\"andrei\",\"balance\":100}")).isEmpty();
        assertThat(OpenApiContract.wallet().violations("GET", "/wallet/andrei/transactions?limit=2", Map.of(), null,
                200, JSON_ANSWER,
                "{\"userId\":\"andrei\",\"items\":[],\"nextCursor\":null,\"storedThroughSequence\":0}"))
                .isEmpty();
    }

    @Test
    void an_answer_with_a_member_the_document_does_not_define_breaks_it() {
        assertThat(answerToGetWallet(200, JSON_ANSWER, "{\"userId\":\"andrei\",\"balance\":100,\"currency\":\"EUR\"}"))
                .anyMatch(violation -> violation.contains("currency"));
    }

    @Test
    void an_answer_without_a_required_member_or_with_a_wrong_type_breaks_it() {
        assertThat(answerToGetWallet(200, JSON_ANSWER, "{\"userId\":\"andrei\"}"))
                .anyMatch(violation -> violation.contains("balance"));
        assertThat(answerToGetWallet(200, JSON_ANSWER, "{\"userId\":\"andrei\",\"balance\":\"100\"}"))
                .anyMatch(violation -> violation.contains("integer"));
        assertThat(answerToGetWallet(404, JSON_ANSWER, "{\"success\":false,\"msg\":\"x\",\"code\":\"no_such_code\"}"))
                .anyMatch(violation -> violation.contains("no_such_code"));
    }

    @Test
    void a_status_the_operation_does_not_list_breaks_it() {
        assertThat(answerToGetWallet(409, JSON_ANSWER, "{\"success\":false,\"msg\":\"x\",\"code\":\"wallet_exists\"}"))
                .anyMatch(violation -> violation.contains("409"));
    }

    @Test
    void a_content_type_or_a_header_the_operation_does_not_list_breaks_it() {
        assertThat(answerToGetWallet(200, Map.of("Content-Type", List.of("text/plain"), "X-Request-Id", List.of("r-1")),
                "{\"userId\":\"andrei\",\"balance\":100}")).anyMatch(violation -> violation.contains("text/plain"));
        assertThat(answerToGetWallet(200, Map.of("Content-Type", List.of("application/json")),
                "{\"userId\":\"andrei\",\"balance\":100}")).anyMatch(violation -> violation.contains("X-Request-Id"));
        assertThat(answerToGetWallet(503, JSON_ANSWER, "{\"success\":false,\"msg\":\"x\",\"code\":\"unavailable\"}"))
                .anyMatch(violation -> violation.contains("Retry-After"));
    }

    @Test
    void a_request_the_document_does_not_describe_breaks_it_unless_it_is_sent_invalid_on_purpose() {
        String notFound = "{\"success\":false,\"msg\":\"no such route\",\"code\":\"not_found\"}";
        assertThat(OpenApiContract.wallet().violations("GET", "/wallet/andrei?color=red", Map.of(), null, 400,
                JSON_ANSWER, "{\"success\":false,\"msg\":\"x\",\"code\":\"invalid_request\"}"))
                .anyMatch(violation -> violation.contains("color"));
        assertThat(OpenApiContract.wallet().violations("GET", "/nope", Map.of(), null, 404, JSON_ANSWER, notFound))
                .isNotEmpty();
        assertThat(OpenApiContract.wallet().violations("GET", "/wallet/andrei/transactions?roundId=%ZZ", Map.of(), null,
                400, JSON_ANSWER, "{\"success\":false,\"msg\":\"x\",\"code\":\"invalid_request\"}"))
                .anyMatch(violation -> violation.contains("percent-encoded"));

        assertThat(OpenApiContract.wallet().answerViolations("GET", "/nope", 404, JSON_ANSWER, notFound)).isEmpty();
        assertThat(OpenApiContract.wallet().answerViolations("GET", "/nope", 404, JSON_ANSWER,
                "{\"success\":false,\"msg\":\"no such route\"}")).isNotEmpty();
        assertThat(OpenApiContract.wallet().answerViolations("GET", "/nope", 200, JSON_ANSWER, "{}")).isNotEmpty();
    }

    private static List<String> answerToGetWallet(int status, Map<String, List<String>> headers, String body) {
        return OpenApiContract.wallet().violations("GET", "/wallet/andrei", Map.of(), null, status, headers, body);
    }

    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document().path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(name -> {
                if (HTTP_METHODS.contains(name)) {
                    operations.add(name.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode document() {
        try {
            return JSON.readTree(documentBytes());
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    private static byte[] documentBytes() {
        try (InputStream stream = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(
                OpenApiDocument.RESOURCE)) {
            assertThat(stream).as(OpenApiDocument.RESOURCE).isNotNull();
            return stream.readAllBytes();
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }
}
