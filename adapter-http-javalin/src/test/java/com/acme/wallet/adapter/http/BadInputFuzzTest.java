package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.application.port.in.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sends thousands of random and malformed requests (bodies, JSON types, sizes, encodings, path ids,
 * methods, headers) to a real server over a real ledger, interleaved with valid changes, and checks
 * what a client and an auditor would: no 5xx, every error is the API's JSON error with a stable code,
 * rejected requests change nothing, and the server stays healthy. It runs twice: without
 * authentication, and with bearer tokens, where most requests carry a token with every scope and the
 * rest none, a wrong one, another scheme, or one without the scope of a write (401 and 403 are the
 * API's errors like any other, and no request without a valid token or its scope succeeds).
 *
 * <p>The seed is printed and named in every failure. {@code -Dwallet.fuzz.seed=N} repeats a run's
 * requests; with {@code -Dwallet.fuzz.threads=1} also their order. {@code -Dwallet.fuzz.requests}
 * and {@code -Dwallet.fuzz.maxSeconds} bound a run in count and time.
 */
class BadInputFuzzTest {

    private static final long SEED = Long.getLong("wallet.fuzz.seed", System.nanoTime());
    private static final int REQUESTS = Integer.getInteger("wallet.fuzz.requests", 10_000);
    private static final int THREADS = Integer.getInteger("wallet.fuzz.threads", 4);
    // A safety bound, not a speed goal: 12-23 s on an idle 2-core machine, 4,824 requests in 45 s
    // were all a heavily loaded one managed (load average near 28), so the bound is generous.
    private static final int MAX_SECONDS = Integer.getInteger("wallet.fuzz.maxSeconds", 300);
    private static final int WALLETS_PER_THREAD = 3;
    private static final int MAX_FAILURES_SHOWN = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STABLE_CODES = Arrays.stream(ErrorCode.values())
            .filter(code -> code.status() < 500).map(ErrorCode::wire).collect(Collectors.toUnmodifiableSet());

    private final InMemoryEventLog log = new InMemoryEventLog();
    private final Map<String, Long> expectedBalances = new ConcurrentHashMap<>();
    private final Map<String, Long> validChanges = new ConcurrentHashMap<>();
    private final AtomicInteger acceptedChanges = new AtomicInteger();
    /** What each accepted request was ("Bet placed", "Win paid", ...), by wallet and reference. */
    private final Map<String, String> legs = new ConcurrentHashMap<>();
    /** The rollbacks that moved money: wallet, original reference, amount. */
    private final List<List<String>> rollbacks = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger sentRaw = new AtomicInteger();
    private final AtomicInteger retriedOnAFreshConnection = new AtomicInteger();
    private final Map<Integer, AtomicInteger> statusCounts = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private RunningApi api;
    private HttpClient http;
    private boolean checksTokens;

    /** Whether the API checks callers. */
    enum Callers { UNCHECKED, BEARER_TOKENS }

    /** The Authorization headers the fuzzer sends when tokens are checked, beside the valid one. */
    private static final List<String> OTHER_AUTHORIZATIONS = List.of("", "Bearer ", "Bearer nonsense",
            "Basic dGVzdGVyOnNlY3JldA==", "Bearer " + RunningApi.TOKEN.toUpperCase(Locale.ROOT),
            "Bearer " + RunningApi.TOKEN + "x", "Bearer reader-token", "Bearer operator-token", "bearer reader-token");

    private void startServer(Callers callers) {
        System.out.println("BadInputFuzzTest seed=" + SEED + " requests=" + REQUESTS + " threads=" + THREADS
                + " callers=" + callers + " (repeat with -Dwallet.fuzz.seed=" + SEED + ")");
        checksTokens = callers == Callers.BEARER_TOKENS;
        Authentication authentication = checksTokens ? Authentication.byTokens(() -> RunningApi.tokens(
                ApiTokens.line(new Caller(RunningApi.TOKEN_NAME), EnumSet.allOf(Scope.class), RunningApi.TOKEN),
                ApiTokens.line(new Caller("reader"), Set.of(Scope.READ), "reader-token"),
                ApiTokens.line(new Caller("operator"), Set.of(Scope.ADMIN), "operator-token")))
                : Authentication.none();
        api = RunningApi.over(log, new InMemoryWalletHistory(log::events), authentication);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stopServer() {
        if (api != null) {
            api.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Callers.class)
    void random_and_malformed_requests_never_answer_5xx_never_change_state_and_leave_the_server_healthy(
            Callers callers) throws Exception {
        startServer(callers);
        List<String> walletIds = openWallets();
        List<String> references = List.of("wonbet-1", "lostbet-2", "r", "fz-0-op-1", "fz-1-op-2", "ref with space",
                "☘ clover", "a/b", "a%2Fb", "x".repeat(128));

        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> runs = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            int index = thread;
            runs.add(clients.submit(() -> fuzz(index, walletIds, references, deadlineNanos)));
        }
        for (Future<?> run : runs) {
            run.get(MAX_SECONDS + 30L, TimeUnit.SECONDS);
        }
        clients.shutdown();
        System.out.println("BadInputFuzzTest seed=" + SEED + " sent " + sent + " (" + sentRaw + " raw, of them "
                + retriedOnAFreshConnection + " again on a fresh connection), statuses "
                + new TreeMap<>(statusCounts) + ", accepted changes " + acceptedChanges);

        assertThat(failures).as(seedNote() + failures.size() + " bad answers, the first " + MAX_FAILURES_SHOWN)
                .isEmpty();
        assertThat(sent.get()).as(seedNote() + "requests sent within " + MAX_SECONDS + " s").isGreaterThanOrEqualTo(REQUESTS);
        assertNothingButTheAcceptedChangesHappened();
        assertThat(api.client().get("/health").status()).as(seedNote() + "health at the end").isEqualTo(200);
    }

    private List<String> openWallets() {
        List<String> walletIds = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            for (int wallet = 0; wallet < WALLETS_PER_THREAD; wallet++) {
                String walletId = "fz-" + thread + "-" + wallet;
                api.client().openWallet(walletId, 1_000);
                expectedBalances.put(walletId, 1_000L);
                acceptedChanges.incrementAndGet();
                walletIds.add(walletId);
            }
        }
        return List.copyOf(walletIds);
    }

    private void fuzz(int thread, List<String> walletIds, List<String> references, long deadlineNanos) {
        Random random = new Random(SEED + thread);
        FuzzRequests requests = new FuzzRequests(random, walletIds, references);
        int share = REQUESTS / THREADS + (thread < REQUESTS % THREADS ? 1 : 0);
        for (int i = 0; i < share && System.nanoTime() < deadlineNanos; i++) {
            FuzzRequests.FuzzRequest request = random.nextInt(10) == 0
                    ? validChange(random, thread, i)
                    : withSomeAuthorization(random, requests.next());
            send(request);
        }
    }

    /** A valid add or remove on one of this thread's own wallets, under a reference never used before. */
    private FuzzRequests.FuzzRequest validChange(Random random, int thread, int index) {
        String walletId = "fz-" + thread + "-" + random.nextInt(WALLETS_PER_THREAD);
        String path = (random.nextInt(3) == 0 ? "/remove-funds/" : "/add-funds/") + walletId;
        String body = "{\"amount\":" + (1 + random.nextInt(400)) + ",\"reference\":\"valid-" + thread + "-" + index + "\"}";
        return new FuzzRequests.FuzzRequest("POST", path, Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + RunningApi.TOKEN), body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** The request with the valid token seven times in ten, else with another Authorization or none. */
    private FuzzRequests.FuzzRequest withSomeAuthorization(Random random, FuzzRequests.FuzzRequest request) {
        if (!checksTokens) {
            return request;
        }
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        if (random.nextInt(10) < 7) {
            headers.put("Authorization", "Bearer " + RunningApi.TOKEN);
        } else {
            String authorization = OTHER_AUTHORIZATIONS.get(random.nextInt(OTHER_AUTHORIZATIONS.size()));
            if (!authorization.isEmpty()) {
                headers.put("Authorization", authorization);
            }
        }
        return new FuzzRequests.FuzzRequest(request.method(), request.target(), headers, request.body(),
                request.raw() || authorization(headers).endsWith(" "));
    }

    private static String authorization(Map<String, String> headers) {
        return headers.getOrDefault("Authorization", "");
    }

    /** {@return whether a success to this request shows a caller let through without its scope} */
    private boolean succeededWithoutItsScope(FuzzRequests.FuzzRequest request) {
        if (!checksTokens || isPublic(request.target())) {
            return false;
        }
        String authorization = authorization(request.headers());
        if (authorization.equals("Bearer " + RunningApi.TOKEN)) {
            return false;
        }
        boolean reader = authorization.equalsIgnoreCase("Bearer reader-token");
        boolean operator = authorization.equals("Bearer operator-token");
        return !(reader && request.method().equals("GET") && !request.target().startsWith("/metrics")
                || operator && request.method().equals("GET") && request.target().startsWith("/metrics"));
    }

    private static boolean isPublic(String target) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        return path.equals("/health") || path.equals("/health/live") || path.equals("/openapi.json");
    }

    private void send(FuzzRequests.FuzzRequest request) {
        RawHttp.Answer answer;
        try {
            answer = request.raw() ? sendRaw(request) : sendWithHttpClientOrAFreshConnection(request);
        } catch (IOException | RuntimeException failure) {
            fail(request, "no answer: " + failure);
            return;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
        }
        sent.incrementAndGet();
        statusCounts.computeIfAbsent(answer.status(), unused -> new AtomicInteger()).incrementAndGet();
        check(request, answer);
    }

    private RawHttp.Answer sendRaw(FuzzRequests.FuzzRequest request) throws IOException {
        sentRaw.incrementAndGet();
        return RawHttp.exchange(api.port(), request.method(), request.target(), request.headers(), request.body());
    }

    /**
     * Sends with the HTTP client, and once more on a fresh connection if the kept-alive connection
     * it reused was closed before any byte of an answer. The server may close a connection after
     * answering a request whose body it did not read, and the client may already have taken that
     * connection for the next request (seen under load): HTTP lets a client retry then (RFC 9112,
     * 9.3.1), and every request here is safe to repeat. A request that makes the server close
     * without answering still fails, since the fresh connection gets no answer either.
     */
    private RawHttp.Answer sendWithHttpClientOrAFreshConnection(FuzzRequests.FuzzRequest request)
            throws IOException, InterruptedException {
        try {
            return sendWithHttpClient(request);
        } catch (IOException closedBeforeAnswering) {
            if (!String.valueOf(closedBeforeAnswering.getMessage()).contains("received no bytes")) {
                throw closedBeforeAnswering;
            }
            retriedOnAFreshConnection.incrementAndGet();
            return sendRaw(request);
        }
    }

    private RawHttp.Answer sendWithHttpClient(FuzzRequests.FuzzRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + request.target()))
                    .timeout(ApiClient.REQUEST_TIMEOUT)
                    .method(request.method(), request.body().length == 0
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
        } catch (IllegalArgumentException refusedByTheClient) {
            return sendRaw(request);
        }
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        return new RawHttp.Answer(response.statusCode(), headers, response.body());
    }

    private void check(FuzzRequests.FuzzRequest request, RawHttp.Answer answer) {
        // The requests are invalid on purpose: their answers must still be ones the OpenAPI document lists.
        answer.contractViolations(request.method(), request.target()).stream().skip(1).forEach(
                violation -> fail(request, "answered " + answer.status() + " " + text(answer.body())
                        + ", against the OpenAPI document: " + violation));
        int status = answer.status();
        if (status < 200 || status >= 500) {
            fail(request, "answered " + status + " " + text(answer.body()));
        } else if (status >= 300) {
            checkError(request, answer);
        } else if (succeededWithoutItsScope(request)) {
            fail(request, "answered " + status + " without a token of the route's scope: " + text(answer.body()));
        } else if (request.method().equals("POST")) {
            recordAccepted(request, answer);
        } else if (!request.method().equals("GET")) {
            fail(request, "a " + request.method() + " succeeded: " + status + " " + text(answer.body()));
        }
    }

    private void checkError(FuzzRequests.FuzzRequest request, RawHttp.Answer answer) {
        if (answer.body().length == 0) {
            if (!request.method().equals("HEAD")) {
                fail(request, "error " + answer.status() + " without a body");
            }
            return;
        }
        String contentType = answer.headers().getOrDefault("content-type", "");
        JsonNode json = json(answer);
        if (!contentType.startsWith("application/json") || json == null || !json.isObject()) {
            fail(request, "error " + answer.status() + " is not JSON: " + contentType + " " + text(answer.body()));
            return;
        }
        JsonNode success = json.get("success");
        JsonNode code = json.get("code");
        // A refusal the wallet records carries the balance it shows, and is an event of the log.
        boolean recorded = json.size() == 4 && json.path("balance").isIntegralNumber();
        if (success == null || !success.isBoolean() || success.booleanValue() || code == null
                || !STABLE_CODES.contains(code.asText()) || json.size() != 3 && !recorded) {
            fail(request, "error " + answer.status() + " is not the API's error: " + text(answer.body()));
        } else if (recorded && !"true".equals(answer.headers().get(Replies.REPLAYED_HEADER.toLowerCase(Locale.ROOT)))) {
            acceptedChanges.incrementAndGet();
        }
    }

    /** Counts a write the server accepted, from its answer: only accepted writes may change state. */
    private void recordAccepted(FuzzRequests.FuzzRequest request, RawHttp.Answer answer) {
        JsonNode json = json(answer);
        if (json == null || !json.isObject()) {
            fail(request, "success " + answer.status() + " is not JSON: " + text(answer.body()));
            return;
        }
        if ("true".equals(answer.headers().get(Replies.REPLAYED_HEADER.toLowerCase(Locale.ROOT)))) {
            return;
        }
        String userId = json.path("userId").asText();
        String message = json.path("msg").asText();
        if (message.equals("Rolled back")) {
            // Whether it gave a stake back or took a win back is known once every answer is in.
            rollbacks.add(List.of(userId, json.path("originalReference").asText(), json.path("amount").asText()));
        } else if (json.has("msg")) {
            long amount = json.path("amount").longValue();
            long delta = switch (message) {
                case "Created", "Win paid" -> amount;
                case "Removed", "Bet placed" -> -amount;
                default -> 0;
            };
            expectedBalances.merge(userId, delta, Math::addExact);
            legs.put(userId + "\n" + json.path("reference").asText(), message);
            String reference = json.path("reference").asText();
            if (!reference.codePoints().allMatch(codePoint -> codePoint > 0xFFFF || !Character.isSurrogate((char) codePoint))) {
                fail(request, "a reference that is not valid Unicode was accepted: " + text(answer.body()));
            }
            if (reference.startsWith("valid-")) {
                validChanges.put(userId + "\n" + reference, amount);
            }
        } else {
            expectedBalances.merge(userId, json.path("balance").longValue(), Math::addExact);
        }
        acceptedChanges.incrementAndGet();
    }

    private void assertNothingButTheAcceptedChangesHappened() {
        for (List<String> rollback : rollbacks) {
            String original = legs.get(rollback.get(0) + "\n" + rollback.get(1));
            long amount = Long.parseLong(rollback.get(2));
            assertThat(original).as(seedNote() + "the original of a rollback " + rollback).isIn("Bet placed", "Win paid");
            expectedBalances.merge(rollback.get(0), original.equals("Bet placed") ? amount : -amount, Math::addExact);
        }
        ApiClient client = api.client();
        expectedBalances.forEach((userId, balance) ->
                assertThat(client.balanceOf(userId)).as(seedNote() + "balance of " + userId).isEqualTo(balance));
        assertThat(log.events()).as(seedNote() + "events in the log").hasSize(acceptedChanges.get());
        validChanges.forEach((key, amount) -> {
            String[] walletAndReference = key.split("\n");
            ApiClient.ApiResponse found = client.get(
                    "/wallet/" + walletAndReference[0] + "/transactions/" + walletAndReference[1]);
            assertThat(found.status()).as(seedNote() + "lookup of " + key + ": " + found).isEqualTo(200);
            assertThat(found.json().get("amount").longValue()).as(seedNote() + "amount of " + key).isEqualTo(amount);
        });
    }

    private void fail(FuzzRequests.FuzzRequest request, String problem) {
        if (failures.size() < MAX_FAILURES_SHOWN) {
            failures.add(problem + " <- " + request.describe());
        }
    }

    private static JsonNode json(RawHttp.Answer answer) {
        try {
            return JSON.readTree(decoded(answer));
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The body without its content coding: the server compresses large answers for clients that accept it. */
    private static byte[] decoded(RawHttp.Answer answer) throws IOException {
        String coding = answer.headers().getOrDefault("content-encoding", "identity");
        if (coding.equals("gzip")) {
            try (InputStream gunzipped = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
                return gunzipped.readAllBytes();
            }
        }
        if (!coding.equals("identity")) {
            throw new IOException("unexpected content coding " + coding);
        }
        return answer.body();
    }

    private static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String seedNote() {
        return "seed=" + SEED + " (repeat with -Dwallet.fuzz.seed=" + SEED + "): ";
    }
}
