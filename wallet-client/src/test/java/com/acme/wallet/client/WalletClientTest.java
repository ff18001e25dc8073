package com.acme.wallet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.client.FakeWalletApi.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WalletClientTest {

    private static final String ADDED = "{\"success\":true,\"msg\":\"Created\",\"userId\":\"w1\",\"reference\":\"r-1\","
            + "\"amount\":10,\"balance\":110,\"sequence\":2}";
    private static final String UNAVAILABLE = "{\"success\":false,\"msg\":\"not confirmed\",\"code\":\"unavailable\"}";
    private static final String RATE_LIMITED = "{\"success\":false,\"msg\":\"slow down\",\"code\":\"rate_limited\"}";
    private static final String NOT_FOUND = "{\"success\":false,\"msg\":\"none\",\"code\":\"transaction_not_found\"}";
    private static final String LOOKUP = "GET /wallet/w1/transactions/r-1";
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofSeconds(2));

    private final FakeWalletApi api = new FakeWalletApi();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        api.close();
    }

    private WalletClient client(RetryPolicy policy, Duration requestTimeout) {
        return WalletClient.builder(api.uri()).retryPolicy(policy).requestTimeout(requestTimeout)
                .listener(exchanges::add).build();
    }

    private WalletClient client() {
        return client(QUICK, Duration.ofSeconds(2));
    }

    @Test
    void an_applied_change_answers_its_receipt() {
        api.answer("POST /add-funds/w1", Reply.of(201, ADDED));

        Outcome outcome = client().addFunds("w1", 10, "r-1");

        assertThat(outcome).isEqualTo(new Outcome.Applied(new Receipt("w1", "r-1", 10, 110, 2,
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()),
                Outcome.Confirmation.ANSWERED));
        assertThat(api.received("POST", "/add-funds/w1").get(0).body()).isEqualTo("{\"amount\":10,\"reference\":\"r-1\"}");
    }

    @Test
    void a_replayed_answer_says_an_earlier_send_applied_it() {
        api.answer("POST /add-funds/w1", Reply.of(201, ADDED).withHeader("Idempotent-Replayed", "true"));

        Outcome outcome = client().addFunds("w1", 10, "r-1");

        assertThat(((Outcome.Applied) outcome).confirmation()).isEqualTo(Outcome.Confirmation.REPLAYED);
    }

    @Test
    void a_503_is_sent_again_unchanged_with_the_same_reference_until_it_is_answered() {
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE), Reply.of(503, UNAVAILABLE),
                Reply.of(201, ADDED).withHeader("Idempotent-Replayed", "true"));

        Outcome outcome = client().addFunds("w1", 10, "r-1");

        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        List<FakeWalletApi.Received> sends = api.received("POST", "/add-funds/w1");
        assertThat(sends).hasSize(3);
        assertThat(sends).extracting(FakeWalletApi.Received::body).containsOnly("{\"amount\":10,\"reference\":\"r-1\"}");
    }

    @Test
    void the_pause_after_a_503_is_its_retry_after_cut_to_the_longest_backoff() {
        RetryPolicy capped = new RetryPolicy(2, Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofMillis(400),
                Duration.ZERO);
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE).withHeader("Retry-After", "30"), Reply.of(201, ADDED));

        long started = System.nanoTime();
        Outcome outcome = client(capped, Duration.ofSeconds(2)).addFunds("w1", 10, "r-1");

        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        List<FakeWalletApi.Received> sends = api.received("POST", "/add-funds/w1");
        long pauseMillis = (sends.get(1).atNanos() - sends.get(0).atNanos()) / 1_000_000;
        assertThat(pauseMillis).isBetween(390L, 2_000L);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_retry_after_shorter_than_the_backoff_is_honoured() {
        RetryPolicy slowBackoff = new RetryPolicy(2, Duration.ofSeconds(10), Duration.ofSeconds(3),
                Duration.ofSeconds(3), Duration.ZERO);
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE).withHeader("Retry-After", "0"), Reply.of(201, ADDED));

        long started = System.nanoTime();
        client(slowBackoff, Duration.ofSeconds(2)).addFunds("w1", 10, "r-1");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_retry_after_given_as_an_http_date_is_honoured() {
        String inAMoment = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(1));
        RetryPolicy policy = new RetryPolicy(2, Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(5),
                Duration.ZERO);
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE).withHeader("Retry-After", inAMoment),
                Reply.of(201, ADDED));

        Outcome outcome = client(policy, Duration.ofSeconds(2)).addFunds("w1", 10, "r-1");

        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        List<FakeWalletApi.Received> sends = api.received("POST", "/add-funds/w1");
        assertThat((sends.get(1).atNanos() - sends.get(0).atNanos()) / 1_000_000).isGreaterThan(0L).isLessThan(2_500L);
    }

    @Test
    void a_429_is_sent_again_after_its_retry_after_and_then_succeeds() {
        RetryPolicy patient = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofSeconds(2),
                Duration.ZERO);
        api.answer("POST /add-funds/w1", Reply.of(429, RATE_LIMITED).withHeader("Retry-After", "1"),
                Reply.of(201, ADDED));

        Outcome outcome = client(patient, Duration.ofSeconds(2)).addFunds("w1", 10, "r-1");

        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        List<FakeWalletApi.Received> sends = api.received("POST", "/add-funds/w1");
        assertThat(sends).extracting(FakeWalletApi.Received::body).hasSize(2)
                .containsOnly("{\"amount\":10,\"reference\":\"r-1\"}");
        assertThat((sends.get(1).atNanos() - sends.get(0).atNanos()) / 1_000_000).isBetween(950L, 2_500L);
    }

    @Test
    void a_read_rate_limited_until_its_budget_runs_out_is_unavailable() {
        api.answer("GET /wallet/w1", Reply.of(429, RATE_LIMITED).withHeader("Retry-After", "0"));

        Answer.Unavailable<Wallet> unavailable = (Answer.Unavailable<Wallet>) client().balance("w1");

        assertThat(unavailable.attempts()).isEqualTo(3);
        assertThat(unavailable.reason()).contains("429").contains("rate_limited");
    }

    @Test
    void a_rollback_the_lookup_finds_recorded_with_nothing_to_roll_back_is_applied() {
        api.answer("POST /rollback/w1", Reply.of(503, UNAVAILABLE));
        api.answer("GET /wallet/w1/transactions/rb-1", Reply.of(200, "{\"userId\":\"w1\",\"reference\":\"rb-1\","
                + "\"type\":\"ROLLBACK\",\"outcome\":\"tombstone\",\"amount\":0,\"sequence\":3,\"balanceAfter\":40,"
                + "\"originalReference\":\"b-1\",\"originalOutcome\":\"unknown\"}"));

        Outcome.Applied applied = (Outcome.Applied) client().rollback("w1", "rb-1", "b-1");

        assertThat(applied.receipt().originalOutcome()).hasValue("unknown");
        assertThat(applied.receipt().amountCents()).isZero();
        assertThat(applied.confirmation()).isEqualTo(Outcome.Confirmation.LOOKED_UP);
    }

    @Test
    void a_refusal_carries_its_code_and_the_balance_it_showed() {
        api.answer("POST /remove-funds/w1", Reply.of(422,
                "{\"success\":false,\"msg\":\"insufficient funds\",\"code\":\"insufficient_funds\",\"balance\":5}"));

        Outcome outcome = client().removeFunds("w1", 10, "r-1");

        Outcome.Refused refused = (Outcome.Refused) outcome;
        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
        assertThat(refused.code().recorded()).isTrue();
        assertThat(refused.refusal().balanceCents()).isEqualTo(OptionalLong.of(5));
        assertThat(api.received()).hasSize(1);
    }

    @Test
    void a_code_the_client_does_not_know_is_carried_as_it_came() {
        api.answer("POST /add-funds/w1", Reply.of(409, "{\"success\":false,\"msg\":\"new\",\"code\":\"brand_new_rule\"}"));

        Outcome.Refused refused = (Outcome.Refused) client().addFunds("w1", 10, "r-1");

        assertThat(refused.code()).isEqualTo(new ErrorCode("brand_new_rule"));
        assertThat(refused.code().recorded()).isFalse();
        assertThat(refused.refusal().status()).isEqualTo(409);
    }

    @Test
    void a_change_whose_sends_all_time_out_is_applied_when_the_lookup_finds_it_applied() {
        api.answer("POST /add-funds/w1", Reply.of(201, ADDED).after(Duration.ofMillis(800)));
        api.answer(LOOKUP, Reply.of(200, "{\"userId\":\"w1\",\"reference\":\"r-1\",\"type\":\"ADD\",\"outcome\":\"applied\","
                + "\"amount\":10,\"sequence\":2,\"balanceAfter\":110,\"occurredAt\":\"2026-01-01T00:00:00Z\"}"));

        Outcome outcome = client(QUICK, Duration.ofMillis(200)).addFunds("w1", 10, "r-1");

        assertThat(outcome).isEqualTo(new Outcome.Applied(new Receipt("w1", "r-1", 10, 110, 2,
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()),
                Outcome.Confirmation.LOOKED_UP));
        assertThat(api.received("POST", "/add-funds/w1")).hasSize(3);
        assertThat(exchanges).filteredOn(exchange -> exchange.method().equals("POST"))
                .allSatisfy(exchange -> assertThat(exchange.failure()).containsInstanceOf(HttpTimeoutException.class));
    }

    @Test
    void a_lookup_that_finds_a_recorded_refusal_refuses_the_change_with_its_code() {
        api.answer("POST /remove-funds/w1", Reply.of(503, UNAVAILABLE));
        api.answer(LOOKUP, Reply.of(200, "{\"userId\":\"w1\",\"reference\":\"r-1\",\"type\":\"REMOVE\",\"outcome\":\"rejected\","
                + "\"amount\":10,\"sequence\":2,\"balanceAfter\":5,\"code\":\"insufficient_funds\"}"));

        Outcome.Refused refused = (Outcome.Refused) client().removeFunds("w1", 10, "r-1");

        assertThat(refused.refusal()).isEqualTo(new Refusal(422, ErrorCode.INSUFFICIENT_FUNDS,
                "refused, as the transaction lookup shows", OptionalLong.empty()));
        assertThat(refused.confirmation()).isEqualTo(Outcome.Confirmation.LOOKED_UP);
    }

    @Test
    void a_lookup_that_finds_the_reference_rolled_back_before_the_bet_came_refuses_the_bet() {
        api.answer("POST /bet/w1", Reply.of(503, UNAVAILABLE));
        api.answer("GET /wallet/w1/transactions/b-1", Reply.of(200, "{\"userId\":\"w1\",\"reference\":\"b-1\","
                + "\"outcome\":\"tombstone\",\"rolledBackBy\":\"rb-1\",\"sequence\":4}"));

        Outcome.Refused refused = (Outcome.Refused) client().bet("w1", RoundLeg.of("b-1", "round-1", 50));

        assertThat(refused.code()).isEqualTo(ErrorCode.TRANSACTION_ROLLED_BACK);
    }

    @Test
    void a_lookup_that_finds_another_change_under_the_reference_is_a_reference_conflict() {
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE));
        api.answer(LOOKUP, Reply.of(200, "{\"userId\":\"w1\",\"reference\":\"r-1\",\"type\":\"ADD\",\"outcome\":\"applied\","
                + "\"amount\":99,\"sequence\":2,\"balanceAfter\":199}"));

        Outcome.Refused refused = (Outcome.Refused) client().addFunds("w1", 10, "r-1");

        assertThat(refused.code()).isEqualTo(ErrorCode.REFERENCE_CONFLICT);
    }

    @Test
    void a_lookup_that_finds_nothing_leaves_the_outcome_unknown_because_a_late_send_may_still_land() {
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE));
        api.answer(LOOKUP, Reply.of(404, NOT_FOUND));

        Outcome outcome = client().addFunds("w1", 10, "r-1");

        Outcome.Unknown unknown = (Outcome.Unknown) outcome;
        assertThat(unknown.attempts()).isEqualTo(3);
        assertThat(unknown.reason()).contains("no record of it").contains("sending it again is safe");
        assertThat(api.received(LOOKUP.split(" ")[0], LOOKUP.split(" ")[1])).hasSize(1);
    }

    @Test
    void a_lookup_answered_503_is_asked_again_within_the_resolve_time() {
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE));
        api.answer(LOOKUP, Reply.of(503, UNAVAILABLE), Reply.of(200, "{\"userId\":\"w1\",\"reference\":\"r-1\",\"type\":\"ADD\","
                + "\"outcome\":\"applied\",\"amount\":10,\"sequence\":2,\"balanceAfter\":110}"));

        Outcome outcome = client().addFunds("w1", 10, "r-1");

        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        assertThat(api.received("GET", "/wallet/w1/transactions/r-1")).hasSize(2);
    }

    @Test
    void with_nobody_listening_a_change_is_unknown_after_its_attempts_and_lookups_within_the_budget() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofMillis(300));
        AtomicInteger seen = new AtomicInteger();
        WalletClient client = WalletClient.builder(closed).retryPolicy(policy).listener(exchange -> seen.incrementAndGet())
                .build();

        long started = System.nanoTime();
        Outcome outcome = client.addFunds("w1", 10, "r-1");

        Outcome.Unknown unknown = (Outcome.Unknown) outcome;
        assertThat(unknown.attempts()).isEqualTo(3);
        assertThat(unknown.lastFailure()).containsInstanceOf(java.net.ConnectException.class);
        assertThat(seen.get()).isGreaterThan(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void the_total_time_bounds_the_sends_however_many_attempts_are_left() {
        RetryPolicy policy = new RetryPolicy(100, Duration.ofMillis(600), Duration.ofMillis(50), Duration.ofMillis(50),
                Duration.ZERO);
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE));

        long started = System.nanoTime();
        Outcome.Unknown unknown = (Outcome.Unknown) client(policy, Duration.ofSeconds(2)).addFunds("w1", 10, "r-1");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
        assertThat(unknown.attempts()).isBetween(2, 13);
        assertThat(api.received("GET", "/wallet/w1/transactions/r-1")).isEmpty();
    }

    @Test
    void every_exchange_reaches_the_listener_and_a_call_keeps_one_request_id_through_its_retries_and_lookups() {
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE));
        api.answer(LOOKUP, Reply.of(404, NOT_FOUND));
        AtomicInteger ids = new AtomicInteger();
        WalletClient client = WalletClient.builder(api.uri()).retryPolicy(QUICK).listener(exchanges::add)
                .requestIds(() -> "call-" + ids.incrementAndGet()).build();

        client.addFunds("w1", 10, "r-1");

        assertThat(exchanges).extracting(Exchange::method).containsExactly("POST", "POST", "POST", "GET");
        assertThat(exchanges).extracting(Exchange::status).containsExactly(503, 503, 503, 404);
        assertThat(exchanges.get(0).requestBody()).isEqualTo("{\"amount\":10,\"reference\":\"r-1\"}");
        assertThat(exchanges.get(0).responseBody()).isEqualTo(UNAVAILABLE);
        assertThat(api.received()).extracting(received -> received.headers().get("X-request-id"))
                .containsOnly(List.of("call-1"));
    }

    @Test
    void a_listener_that_throws_fails_the_call_loudly() {
        api.answer("POST /add-funds/w1", Reply.of(201, ADDED));
        WalletClient client = client().withListener(exchange -> {
            throw new AssertionError("not as described");
        });

        assertThatThrownBy(() -> client.addFunds("w1", 10, "r-1")).isInstanceOf(AssertionError.class);
    }

    @Test
    void an_answer_over_the_body_limit_is_no_answer() {
        api.answer("GET /wallet/w1", Reply.of(200, "{\"userId\":\"w1\",\"balance\":1,\"pad\":\"" + "x".repeat(5_000) + "\"}"));
        WalletClient client = WalletClient.builder(api.uri()).retryPolicy(RetryPolicy.none()).maxResponseBytes(1_024)
                .build();

        Answer<Wallet> answer = client.balance("w1");

        assertThat(answer).isInstanceOf(Answer.Unavailable.class);
        assertThat(((Answer.Unavailable<Wallet>) answer).reason()).contains("over 1024 bytes");
    }

    @Test
    void a_read_answers_its_value_its_refusal_or_unavailable() {
        api.answer("GET /wallet/w1", Reply.of(200, "{\"userId\":\"w1\",\"balance\":100}"));
        api.answer("GET /wallet/nobody", Reply.of(404, "{\"success\":false,\"msg\":\"no\",\"code\":\"wallet_not_found\"}"));
        api.answer("GET /wallet/busy", Reply.of(503, UNAVAILABLE));

        assertThat(client().balance("w1")).isEqualTo(new Answer.Success<>(new Wallet("w1", 100)));
        assertThat(((Answer.Refused<Wallet>) client().balance("nobody")).code()).isEqualTo(ErrorCode.WALLET_NOT_FOUND);
        assertThat(((Answer.Unavailable<Wallet>) client().balance("busy")).attempts()).isEqualTo(3);
    }

    @Test
    void an_opening_retried_after_no_answer_says_how_many_requests_it_sent() {
        api.answer("POST /wallet/w1", Reply.of(503, UNAVAILABLE),
                Reply.of(409, "{\"success\":false,\"msg\":\"exists\",\"code\":\"wallet_exists\"}"));

        Answer.Refused<Wallet> refused = (Answer.Refused<Wallet>) client().openWallet("w1", 100);

        assertThat(refused.code()).isEqualTo(ErrorCode.WALLET_EXISTS);
        assertThat(refused.attempts()).isEqualTo(2);
    }

    @Test
    void path_segments_and_history_queries_are_encoded() {
        api.answer("GET /wallet/w1/transactions?limit=2&order=asc&types=BET%2CWIN&roundId=r+9&cursor=abc",
                Reply.of(200, "{\"userId\":\"w1\",\"items\":[{\"type\":\"OPEN\",\"outcome\":\"applied\",\"amount\":5,"
                        + "\"sequence\":1,\"balanceAfter\":5,\"occurredAt\":\"2026-01-01T00:00:00Z\"}],"
                        + "\"nextCursor\":null,\"storedThroughSequence\":1}"));
        api.answer("GET /wallet/w1/transactions/a%20b%2Fc", Reply.of(404, NOT_FOUND));

        Answer<HistoryPage> page = client().history("w1", HistoryQuery.newest().withLimit(2).oldestFirst()
                .withTypes(Set.of("WIN", "BET")).inRound("r 9").after("abc"));
        Answer<Transaction> lookup = client().transaction("w1", "a b/c");

        HistoryPage found = page.value().orElseThrow();
        assertThat(found.items()).singleElement().satisfies(item -> {
            assertThat(item.type()).isEqualTo("OPEN");
            assertThat(item.reference()).isEmpty();
        });
        assertThat(found.nextCursor()).isEmpty();
        assertThat(((Answer.Refused<Transaction>) lookup).code()).isEqualTo(ErrorCode.TRANSACTION_NOT_FOUND);
    }

    @Test
    void a_success_answer_that_breaks_the_contract_fails_the_call() {
        api.answer("GET /wallet/w1", Reply.of(200, "{\"userId\":\"w1\",\"balance\":1.5}"));

        assertThatThrownBy(() -> client().balance("w1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("balance");
    }

    @Test
    void readiness_is_one_request_and_false_when_nothing_answers_200() {
        api.answer("GET /health", Reply.of(503, "starting"), Reply.of(200, "OK"));

        assertThat(client().isReady()).isFalse();
        assertThat(client().isReady()).isTrue();
        assertThat(api.received("GET", "/health")).hasSize(2);
    }
}
