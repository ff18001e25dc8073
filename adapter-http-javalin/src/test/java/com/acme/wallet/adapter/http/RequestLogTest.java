package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.testsupport.OpenApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class RequestLogTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Logger accessLogger = (Logger) LoggerFactory.getLogger(RequestLog.ACCESS_LOGGER);
    /** Takes the MDC when the line is logged, as a console or async appender does, not when the test reads it. */
    private final ListAppender<ILoggingEvent> accessLines = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent line) {
            line.prepareForDeferredProcessing();
            super.append(line);
        }
    };
    private Level levelBefore;
    private boolean additiveBefore;
    private RunningApi api;

    @BeforeEach
    void captureTheAccessLog() {
        levelBefore = accessLogger.getLevel();
        additiveBefore = accessLogger.isAdditive();
        accessLogger.setLevel(Level.INFO);
        accessLogger.setAdditive(false);
        accessLines.start();
        accessLogger.addAppender(accessLines);
        InMemoryEventLog log = new InMemoryEventLog();
        api = RunningApi.over(log, new InMemoryWalletHistory(log::events), RunningApi.EVERY_SCOPE);
    }

    @AfterEach
    void stop() {
        api.close();
        accessLogger.detachAppender(accessLines);
        accessLogger.setLevel(levelBefore);
        accessLogger.setAdditive(additiveBefore);
    }

    @Test
    void the_clients_request_id_is_answered_in_the_same_header() throws Exception {
        HttpResponse<String> answer = send("GET", "/health", "client-id_1.2:3", null);

        assertThat(answer.headers().firstValue(RequestLog.HEADER)).hasValue("client-id_1.2:3");
    }

    @Test
    void a_request_without_an_id_gets_a_new_one_each_time() throws Exception {
        String first = send("GET", "/health", null, null).headers().firstValue(RequestLog.HEADER).orElseThrow();
        String second = send("GET", "/health", null, null).headers().firstValue(RequestLog.HEADER).orElseThrow();

        assertThat(first).matches(UUID_PATTERN);
        assertThat(second).matches(UUID_PATTERN).isNotEqualTo(first);
    }

    @Test
    void an_id_too_long_or_with_unsafe_characters_is_replaced_by_a_new_one() throws Exception {
        for (String unsafe : List.of("x".repeat(RequestLog.MAX_ID_LENGTH + 1), "a b", "<script>", "a\"b", "id%0Aforged")) {
            HttpResponse<String> answer = send("GET", "/health", unsafe, null);

            assertThat(answer.headers().firstValue(RequestLog.HEADER)).as(unsafe)
                    .hasValueSatisfying(id -> assertThat(id).matches(UUID_PATTERN));
        }
        assertThat(send("GET", "/health", "x".repeat(RequestLog.MAX_ID_LENGTH), null)
                .headers().firstValue(RequestLog.HEADER)).hasValue("x".repeat(RequestLog.MAX_ID_LENGTH));
    }

    @Test
    void each_request_logs_one_access_line_with_method_route_status_duration_wallet_and_request_id()
            throws Exception {
        HttpResponse<String> opened = send("POST", "/wallet/andrei", "req-open", "{\"amount\":100}");
        HttpResponse<String> missing = send("GET", "/wallet/nobody", "req-missing", null);

        assertThat(opened.statusCode()).isEqualTo(201);
        assertThat(missing.statusCode()).isEqualTo(404);
        ILoggingEvent open = accessLineOf("req-open");
        assertThat(open.getFormattedMessage())
                .matches("method=POST route=/wallet/\\{userId} status=201 durationMs=\\d+\\.\\d{3} wallet=andrei "
                        + "caller=tester");
        assertThat(open.getKeyValuePairs()).extracting(pair -> pair.key)
                .containsExactly("method", "route", "status", "durationMs", "wallet", "caller");
        assertThat(accessLineOf("req-missing").getFormattedMessage())
                .matches("method=GET route=/wallet/\\{userId} status=404 durationMs=\\d+\\.\\d{3} wallet=nobody "
                        + "caller=tester");
        assertThat(new ArrayList<>(accessLines.list)).hasSize(2);
    }

    @Test
    void a_request_no_route_matches_is_logged_without_its_raw_path() throws Exception {
        sendInvalidOnPurpose("GET", "/no/such/route%0Aforged", "req-none");

        assertThat(accessLineOf("req-none").getFormattedMessage())
                .matches("method=GET route=- status=404 durationMs=\\d+\\.\\d{3} wallet=- caller=-");
    }

    @Test
    void a_request_refused_for_its_token_is_logged_without_a_caller() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + api.port() + "/wallet/andrei")).header(RequestLog.HEADER, "req-anon")
                .header("Authorization", "Bearer not-a-token").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(accessLineOf("req-anon").getFormattedMessage()).contains("status=401").endsWith(" caller=-");
    }

    @Test
    void an_invalid_wallet_id_is_not_logged_as_given() throws Exception {
        sendInvalidOnPurpose("GET", "/wallet/" + "w".repeat(65), "req-long");

        assertThat(accessLineOf("req-long").getFormattedMessage()).endsWith(" wallet=- caller=tester")
                .contains("status=400");
    }

    @Test
    void no_request_id_is_left_in_the_mdc_of_the_servers_threads() throws Exception {
        for (int request = 0; request < 20; request++) {
            send("POST", "/wallet/w" + request, "leak-" + request, "{\"amount\":1}");
            send("GET", "/wallet/w" + request, "leak-get-" + request, null);
        }

        ThreadPool threads = api.jettyThreads();
        Map<String, String> leftOver = new ConcurrentHashMap<>();
        int tasks = 64;
        CountDownLatch ran = new CountDownLatch(tasks);
        for (int task = 0; task < tasks; task++) {
            threads.execute(() -> {
                String id = MDC.get(RequestLog.MDC_KEY);
                if (id != null) {
                    leftOver.put(Thread.currentThread().getName(), id);
                }
                ran.countDown();
            });
        }
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(leftOver).isEmpty();
    }

    private ILoggingEvent accessLineOf(String requestId) throws InterruptedException {
        // The line is written as the answer goes out; give a slow machine a moment to finish it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && new ArrayList<>(accessLines.list).stream()
                .noneMatch(line -> requestId.equals(line.getMDCPropertyMap().get(RequestLog.MDC_KEY)))) {
            Thread.sleep(10);
        }
        List<ILoggingEvent> lines = new ArrayList<>(accessLines.list);
        List<ILoggingEvent> matching = lines.stream()
                .filter(line -> requestId.equals(line.getMDCPropertyMap().get(RequestLog.MDC_KEY))).toList();
        assertThat(matching).as("access lines of " + requestId + " among " + lines).hasSize(1);
        return matching.get(0);
    }

    /** {@return the answer to a request the OpenAPI document describes; fails the test if either breaks it} */
    private HttpResponse<String> send(String method, String path, String requestId, String body) throws Exception {
        HttpRequest request = request(method, path, requestId, body);
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        OpenApiContract.assertValid(method, path, request.headers().map(), body, answer.statusCode(),
                answer.headers().map(), answer.body());
        return answer;
    }

    /** Sends a request invalid on purpose; fails the test if the OpenAPI document does not list its answer. */
    private void sendInvalidOnPurpose(String method, String path, String requestId) throws Exception {
        HttpResponse<String> answer = http.send(request(method, path, requestId, null),
                HttpResponse.BodyHandlers.ofString());
        OpenApiContract.assertValidAnswerToInvalidRequest(method, path, answer.statusCode(), answer.headers().map(),
                answer.body());
    }

    private HttpRequest request(String method, String path, String requestId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        request.header("Authorization", "Bearer " + RunningApi.TOKEN);
        if (requestId != null) {
            request.header(RequestLog.HEADER, requestId);
        }
        return request.build();
    }
}
