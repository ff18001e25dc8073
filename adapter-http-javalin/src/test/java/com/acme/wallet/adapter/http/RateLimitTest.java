package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.in.Caller;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A configured rate limit holds per token: beyond its burst a token's requests answer 429
 * {@code rate_limited} with {@code Retry-After} and change nothing, while other tokens and the health
 * checks go on; the bucket refills with time.
 */
class RateLimitTest {

    /** A refill of one request an hour: however slow the machine, the burst is what counts. */
    private static final RateLimit BURST_OF_3 = new RateLimit(1, Duration.ofHours(1), 3);
    /** A refill of one request every 2 s. */
    private static final RateLimit REFILLED_SOON = new RateLimit(1, Duration.ofSeconds(2), 3);
    /** Bounds the requests sent to drain a bucket. */
    private static final int MAX_REQUESTS = 100;
    /** Bounds the wait for a refill on a loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private RunningApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void beyond_its_burst_a_token_gets_429_with_retry_after_and_its_request_changes_nothing() {
        start(twoCallers(), BURST_OF_3);
        ApiClient other = api.client().withToken("the-other-token");

        for (int request = 1; request <= 3; request++) {
            assertThat(api.client().post("/add-funds/andrei", change(request)).status()).isEqualTo(201);
        }
        ApiClient.ApiResponse limited = api.client().post("/add-funds/andrei", change(4));

        assertError(limited, 429, "rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isBetween(3_000L, 3_600L);
        assertThat(limited.json().get("msg").asText()).contains("tester").contains("1 requests per 3600000 ms");
        assertThat(other.balanceOf("andrei")).as("the other token's bucket, and nothing changed by the 429")
                .isEqualTo(130);
        assertThat(api.client().get("/health").status()).as("the health checks are never limited").isEqualTo(200);
    }

    @Test
    void the_bucket_refills_with_time() {
        start(twoCallers(), REFILLED_SOON);
        int sent = 0;
        ApiClient.ApiResponse answer;
        do {
            // Drained even on a slow machine: a request refills every 2 s, the client sends many meanwhile.
            assertThat(sent).as("requests before the first 429").isLessThan(MAX_REQUESTS);
            answer = api.client().post("/add-funds/andrei", change(++sent));
        } while (answer.status() == 201);
        assertError(answer, 429, "rate_limited");
        assertThat(answer.header("Retry-After")).hasValue("2");

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        do {
            assertThat(System.nanoTime()).as("a request let through within " + PATIENCE).isLessThan(deadline);
            pause();
            answer = api.client().post("/add-funds/andrei", change(sent));
        } while (answer.status() == 429);
        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void without_authentication_everybody_shares_one_bucket() {
        api = RunningApi.overInMemoryLog(HttpSettings.defaults("127.0.0.1", 0).withRateLimit(BURST_OF_3),
                Authentication.none());

        assertThat(api.client().post("/wallet/andrei", "{\"amount\":100}").status()).isEqualTo(201);
        assertThat(api.client().withToken("anything").get("/wallet/andrei").status()).isEqualTo(200);
        assertThat(api.client().withoutToken().get("/wallet/andrei").status()).isEqualTo(200);
        assertError(api.client().withoutToken().get("/wallet/andrei"), 429, "rate_limited");
    }

    private void start(Authentication authentication, RateLimit limit) {
        api = RunningApi.overInMemoryLog(HttpSettings.defaults("127.0.0.1", 0).withRateLimit(limit), authentication);
        api.client().withToken("the-other-token").post("/wallet/andrei", "{\"amount\":100}");
    }

    private static Authentication twoCallers() {
        return Authentication.byTokens(() -> RunningApi.tokens(
                ApiTokens.line(new Caller(RunningApi.TOKEN_NAME), EnumSet.allOf(Scope.class), RunningApi.TOKEN),
                ApiTokens.line(new Caller("other"), EnumSet.allOf(Scope.class), "the-other-token")));
    }

    private static String change(int request) {
        return "{\"amount\":10,\"reference\":\"r-" + request + "\"}";
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }
}
