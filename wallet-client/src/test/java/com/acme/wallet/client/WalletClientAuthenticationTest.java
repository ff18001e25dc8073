package com.acme.wallet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.client.FakeWalletApi.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WalletClientAuthenticationTest {

    private static final String TOKEN = "wlt_3q2-Zx.9~Ab+/c=";
    private static final String ADDED = "{\"success\":true,\"msg\":\"Created\",\"userId\":\"w1\",\"reference\":\"r-1\","
            + "\"amount\":10,\"balance\":110,\"sequence\":2}";
    private static final String BET = "{\"success\":true,\"msg\":\"Created\",\"userId\":\"w1\",\"reference\":\"b-1\","
            + "\"amount\":5,\"balance\":105,\"sequence\":3,\"roundId\":\"round-1\"}";
    private static final String UNAVAILABLE = "{\"success\":false,\"msg\":\"not confirmed\",\"code\":\"unavailable\"}";
    private static final String NOT_FOUND = "{\"success\":false,\"msg\":\"none\",\"code\":\"transaction_not_found\"}";
    private static final String UNAUTHENTICATED = "{\"success\":false,\"msg\":\"a valid bearer token is required\","
            + "\"code\":\"unauthenticated\"}";
    private static final String FORBIDDEN = "{\"success\":false,\"msg\":\"the token lacks wallet:write\","
            + "\"code\":\"forbidden\"}";
    private static final String LOOKUP = "GET /wallet/w1/transactions/r-1";
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofSeconds(2));

    private final FakeWalletApi api = new FakeWalletApi();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        api.close();
    }

    private WalletClient.Builder builder(RetryPolicy policy) {
        return WalletClient.builder(api.uri()).retryPolicy(policy).listener(exchanges::add);
    }

    private WalletClient client() {
        return builder(QUICK).bearerToken(TOKEN).build();
    }

    private static Reply unauthenticated() {
        return Reply.of(401, UNAUTHENTICATED).withHeader("WWW-Authenticate", "Bearer realm=\"wallet\"");
    }

    private static Reply forbidden() {
        return Reply.of(403, FORBIDDEN).withHeader("WWW-Authenticate",
                "Bearer realm=\"wallet\", error=\"insufficient_scope\", scope=\"wallet:write\"");
    }

    private static List<String> authorizations(List<FakeWalletApi.Received> received) {
        return received.stream().map(request -> {
            List<String> values = request.headers().get("Authorization");
            return values == null ? "(none)" : String.join(",", values);
        }).toList();
    }

    @Test
    void every_request_carries_the_token_reads_and_writes_sync_and_async_retries_and_the_lookup() {
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE));
        api.answer(LOOKUP, Reply.of(404, NOT_FOUND));
        api.answer("POST /bet/w1", Reply.of(201, BET));
        api.answer("GET /wallet/w1", Reply.of(200, "{\"userId\":\"w1\",\"balance\":100}"));
        api.answer("POST /wallet/w2", Reply.of(201, "{\"userId\":\"w2\",\"balance\":0}"));
        api.answer("GET /health", Reply.of(200, "OK"));
        WalletClient client = client();

        assertThat(client.addFunds("w1", 10, "r-1")).isInstanceOf(Outcome.Unknown.class);
        assertThat(client.betAsync("w1", RoundLeg.of("b-1", "round-1", 5)).join()).isInstanceOf(Outcome.Applied.class);
        assertThat(client.balance("w1")).isInstanceOf(Answer.Success.class);
        assertThat(client.balanceAsync("w1").join()).isInstanceOf(Answer.Success.class);
        assertThat(client.openWalletAsync("w2", 0).join()).isInstanceOf(Answer.Success.class);
        assertThat(client.isReady()).isTrue();

        assertThat(api.received()).extracting(request -> request.method() + " " + request.path()).containsExactly(
                "POST /add-funds/w1", "POST /add-funds/w1", "POST /add-funds/w1", LOOKUP, "POST /bet/w1",
                "GET /wallet/w1", "GET /wallet/w1", "POST /wallet/w2", "GET /health");
        assertThat(authorizations(api.received())).containsOnly("Bearer " + TOKEN);
    }

    @Test
    void a_supplied_token_is_asked_for_on_every_request_so_a_rotated_one_is_used_from_the_next() {
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE), Reply.of(503, UNAVAILABLE), Reply.of(201, ADDED));
        api.answer("GET /wallet/w1", Reply.of(200, "{\"userId\":\"w1\",\"balance\":110}"));
        AtomicInteger rotations = new AtomicInteger();
        WalletClient client = builder(QUICK).bearerTokens(() -> "token-" + rotations.incrementAndGet()).build();

        client.addFunds("w1", 10, "r-1");
        client.balanceAsync("w1").join();

        assertThat(authorizations(api.received()))
                .containsExactly("Bearer token-1", "Bearer token-2", "Bearer token-3", "Bearer token-4");
    }

    @Test
    void a_401_is_not_sent_again_and_refuses_the_change_and_the_read_as_unauthenticated() {
        api.answer("POST /add-funds/w1", unauthenticated());
        api.answer("GET /wallet/w1", unauthenticated());
        WalletClient client = WalletClient.builder(api.uri()).retryPolicy(QUICK).build();

        Outcome.Refused refused = (Outcome.Refused) client.addFunds("w1", 10, "r-1");
        Answer.Refused<Wallet> read = (Answer.Refused<Wallet>) client.balance("w1");

        assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(refused.code().recorded()).isFalse();
        assertThat(refused.refusal().status()).isEqualTo(401);
        assertThat(refused.confirmation()).isEqualTo(Outcome.Confirmation.ANSWERED);
        assertThat(read.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(read.attempts()).isEqualTo(1);
        assertThat(api.received()).hasSize(2);
    }

    @Test
    void a_403_is_not_sent_again_and_refuses_the_change_and_the_read_as_forbidden() {
        api.answer("POST /win/w1", forbidden());
        api.answer("GET /wallet/w1/rounds/round-1", forbidden());

        Outcome.Refused refused = (Outcome.Refused) client().win("w1", RoundLeg.of("w-1", "round-1", 5));
        Answer.Refused<Round> read = (Answer.Refused<Round>) client().roundAsync("w1", "round-1").join();

        assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused.refusal().status()).isEqualTo(403);
        assertThat(read.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(api.received()).hasSize(2);
    }

    @Test
    void a_401_after_sends_without_a_definite_answer_is_looked_up_because_those_sends_may_have_applied_it() {
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE), unauthenticated());
        api.answer(LOOKUP, forbidden());

        Outcome.Unknown unknown = (Outcome.Unknown) client().addFunds("w1", 10, "r-1");

        assertThat(unknown.attempts()).isEqualTo(2);
        assertThat(unknown.reason()).contains("answered 401").contains("the lookup answered 403")
                .contains("wallet:read");
        assertThat(api.received("GET", "/wallet/w1/transactions/r-1")).hasSize(1);
    }

    @Test
    void the_token_reaches_neither_the_listener_nor_the_client_s_text() {
        api.answer("POST /add-funds/w1", Reply.of(503, UNAVAILABLE));
        api.answer(LOOKUP, Reply.of(404, NOT_FOUND));
        WalletClient client = client();

        Outcome.Unknown unknown = (Outcome.Unknown) client.addFunds("w1", 10, "r-1");

        assertThat(exchanges).hasSize(4).allSatisfy(exchange -> {
            assertThat(exchange.requestHeaders().get("Authorization")).containsExactly("Bearer ***");
            assertThat(exchange.toString()).doesNotContain(TOKEN);
        });
        assertThat(client).hasToString("WalletClient[" + api.uri() + ", Bearer ***, " + QUICK + "]");
        assertThat(client.withListener(exchange -> {}).toString()).doesNotContain(TOKEN);
        assertThat(unknown.toString()).doesNotContain(TOKEN);
        assertThat(authorizations(api.received())).containsOnly("Bearer " + TOKEN);
    }

    @Test
    void a_token_with_whitespace_a_control_character_or_nothing_is_refused_when_the_client_is_built() {
        List<String> invalid = List.of("", " ", "two words", "tab\tbed", "line\r\nX-Injected: yes", "n\u00e4ive",
                "x".repeat(BearerAuthorization.MAX_TOKEN_LENGTH + 1));

        assertThat(invalid).allSatisfy(token -> assertThatThrownBy(() -> WalletClient.builder(api.uri()).bearerToken(
                token)).isInstanceOf(IllegalArgumentException.class).satisfies(refused -> {
                    if (!token.isBlank()) {
                        assertThat(refused.getMessage()).doesNotContain(token);
                    }
                }));
        assertThatThrownBy(() -> WalletClient.builder(api.uri()).bearerToken(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WalletClient.builder(api.uri()).bearerTokens(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_supplier_that_gives_an_invalid_token_fails_the_call_and_sends_nothing() {
        String injecting = "ok\r\nX-Injected: yes";
        WalletClient client = builder(QUICK).bearerTokens(() -> injecting).build();

        assertThatThrownBy(() -> client.addFunds("w1", 10, "r-1")).isInstanceOf(IllegalArgumentException.class)
                .satisfies(failed -> assertThat(failed.getMessage()).doesNotContain(injecting));
        assertThatThrownBy(() -> client.balanceAsync("w1").join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(api.received()).isEmpty();
        assertThat(exchanges).isEmpty();
    }
}
