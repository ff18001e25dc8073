package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.application.port.in.Caller;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every route but the health checks and the contract needs a bearer token with the route's scope:
 * 401 without a valid one, 403 without the scope, and neither changes anything. The caller's name
 * goes with each change it makes.
 */
class AuthenticationTest {

    private static final Map<Scope, String> TOKEN_OF = Map.of(
            Scope.READ, "token-of-the-reader", Scope.WRITE, "token-of-the-writer",
            Scope.OPEN, "token-of-the-opener", Scope.ADMIN, "token-of-the-operator");
    private static final Authentication TOKENS = Authentication.byTokens(() -> RunningApi.tokens(
            ApiTokens.line(new Caller(RunningApi.TOKEN_NAME), EnumSet.allOf(Scope.class), RunningApi.TOKEN),
            ApiTokens.line(new Caller("reader"), Set.of(Scope.READ), TOKEN_OF.get(Scope.READ)),
            ApiTokens.line(new Caller("game-server"), Set.of(Scope.WRITE), TOKEN_OF.get(Scope.WRITE)),
            ApiTokens.line(new Caller("backoffice"), Set.of(Scope.OPEN), TOKEN_OF.get(Scope.OPEN)),
            ApiTokens.line(new Caller("operator"), Set.of(Scope.ADMIN), TOKEN_OF.get(Scope.ADMIN))));
    private static final String ADD = "{\"amount\":10,\"reference\":\"r-1\"}";

    private ControllableEventLog log;
    private RunningApi api;
    private ApiClient client;

    @BeforeEach
    void startServerWithAWalletOf100() {
        log = new ControllableEventLog();
        api = RunningApi.over(log, new InMemoryWalletHistory(log::storedEvents), TOKENS);
        client = api.client();
        client.openWallet("andrei", 100);
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    /** Each scoped route, a request to it that its scope lets through, and that scope. */
    static Stream<Arguments> scopedRoutes() {
        String leg = "{\"amount\":10,\"reference\":\"%s\",\"roundId\":\"round-1\"}";
        return Stream.of(
                Arguments.of("GET", "/wallet/andrei", null, Scope.READ),
                Arguments.of("GET", "/wallet/andrei?atSequence=1", null, Scope.READ),
                Arguments.of("GET", "/wallet/andrei/transactions", null, Scope.READ),
                Arguments.of("GET", "/wallet/andrei/transactions/r-1", null, Scope.READ),
                Arguments.of("GET", "/wallet/andrei/rounds/round-1", null, Scope.READ),
                Arguments.of("POST", "/wallet/bianca", "{\"amount\":100}", Scope.OPEN),
                Arguments.of("POST", "/add-funds/andrei", ADD, Scope.WRITE),
                Arguments.of("POST", "/remove-funds/andrei", ADD, Scope.WRITE),
                Arguments.of("POST", "/bet/andrei", leg.formatted("bet-1"), Scope.WRITE),
                Arguments.of("POST", "/win/andrei", leg.formatted("win-1"), Scope.WRITE),
                Arguments.of("POST", "/rollback/andrei", "{\"reference\":\"rb-1\",\"originalReference\":\"bet-1\"}",
                        Scope.WRITE),
                Arguments.of("GET", "/metrics", null, Scope.ADMIN));
    }

    @Test
    void every_route_declares_one_role_and_the_list_above_has_every_scoped_one() {
        Set<String> scoped = scopedRoutes().map(route -> route.get()[0] + " " + route.get()[1])
                .map(route -> route.replaceAll("/andrei|/bianca", "/{userId}").replace("/r-1", "/{reference}")
                        .replace("/round-1", "/{roundId}").replaceAll("\\?.*", ""))
                .collect(Collectors.toSet());
        for (ParsedEndpoint route : api.routes()) {
            if (!route.endpoint.method.isHttpMethod()) {
                continue;
            }
            Roles roles = route.endpoint.metadata(Roles.class);
            Set<RouteRole> declared = roles == null ? Set.of() : roles.getRoles();
            String name = route.endpoint.method.name() + " " + route.endpoint.path;
            assertThat(declared).as("roles of %s", name).hasSize(1);
            if (declared.contains(Public.ANYONE)) {
                assertThat(name).isIn("GET /health", "GET /health/live", "GET /openapi.json");
            } else {
                assertThat(scoped).as("the scoped routes this test sends to").contains(name);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/health", "/health/live", "/openapi.json"})
    void the_health_checks_and_the_contract_need_no_token(String path) {
        assertThat(client.withoutToken().get(path).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scopedRoutes")
    void a_scoped_route_without_a_token_answers_401_with_a_challenge_and_changes_nothing(String method, String path,
            String body) {
        int eventsBefore = log.storedEvents().size();

        ApiClient.ApiResponse answer = client.withoutToken().send(method, path, body);

        assertError(answer, 401, "unauthenticated");
        assertThat(answer.header("WWW-Authenticate")).hasValue("Bearer realm=\"wallet\"");
        assertThat(log.storedEvents()).hasSize(eventsBefore);
        assertThat(client.balanceOf("andrei")).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not-a-token", "test-token-with-every-scope ", "TEST-TOKEN-WITH-EVERY-SCOPE",
        "test-token-with-every-scop", "test-token-with-every-scope-and-more"})
    void an_unknown_token_answers_401_invalid_token(String token) {
        ApiClient.ApiResponse answer = client.withToken(token.strip().equals(token) ? token : token + "x")
                .sendingInvalidRequestsOnPurpose().post("/add-funds/andrei", ADD);

        assertError(answer, 401, "unauthenticated");
        assertThat(answer.header("WWW-Authenticate")).hasValue("Bearer realm=\"wallet\", error=\"invalid_token\"");
        assertThat(client.balanceOf("andrei")).isEqualTo(100);
    }

    @Test
    void a_token_longer_than_the_limit_answers_401_and_the_scheme_is_case_insensitive() throws Exception {
        assertError(client.withToken("x".repeat(ApiTokens.MAX_TOKEN_LENGTH + 1)).sendingInvalidRequestsOnPurpose()
                .get("/wallet/andrei"), 401, "unauthenticated");
        RawHttp.Answer lowerCase = RawHttp.exchange(api.port(), "GET", "/wallet/andrei",
                Map.of("Authorization", "bearer " + RunningApi.TOKEN), new byte[0]);
        assertThat(lowerCase.status()).isEqualTo(200);
    }

    @Test
    void another_scheme_than_bearer_answers_401_with_the_plain_challenge() throws Exception {
        RawHttp.Answer basic = RawHttp.exchange(api.port(), "GET", "/wallet/andrei",
                Map.of("Authorization", "Basic dGVzdGVyOnNlY3JldA=="), new byte[0]);

        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.headers()).containsEntry("www-authenticate", "Bearer realm=\"wallet\"");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scopedRoutes")
    void only_a_token_with_the_routes_scope_gets_through_and_the_others_get_403_naming_it(String method, String path,
            String body, Scope needed) {
        for (Scope other : EnumSet.complementOf(EnumSet.of(needed))) {
            int eventsBefore = log.storedEvents().size();

            ApiClient.ApiResponse refused = client.withToken(TOKEN_OF.get(other)).send(method, path, body);

            assertError(refused, 403, "forbidden");
            assertThat(refused.header("WWW-Authenticate")).hasValue(
                    "Bearer realm=\"wallet\", error=\"insufficient_scope\", scope=\"" + needed.wire() + "\"");
            assertThat(log.storedEvents()).as("events after a refused %s", other).hasSize(eventsBefore);
        }
        ApiClient.ApiResponse allowed = client.withToken(TOKEN_OF.get(needed)).send(method, path, body);
        assertThat(allowed.status()).as("%s with %s", path, needed).isNotIn(401, 403);
        assertThat(allowed.status()).as("%s with %s: %s", path, needed, allowed).isLessThan(500);
    }

    @Test
    void a_refusal_for_the_caller_comes_before_one_for_the_body() {
        ApiClient.ApiResponse form = client.withoutToken().postAs("/add-funds/andrei",
                "application/x-www-form-urlencoded", "amount=10&reference=r-1");

        assertError(form, 401, "unauthenticated");
    }

    @Test
    void each_change_goes_to_the_log_with_the_name_of_the_token_that_asked() {
        client.withToken(TOKEN_OF.get(Scope.OPEN)).post("/wallet/bianca", "{\"amount\":100}");
        client.withToken(TOKEN_OF.get(Scope.WRITE)).post("/add-funds/bianca", ADD);

        List<String> callers = log.storedEvents().stream()
                .filter(event -> event.walletId().value().equals("bianca"))
                .map(event -> log.callers().get(event.eventId()).name())
                .toList();
        assertThat(callers).containsExactly("backoffice", "game-server");
        assertThat(log.storedEvents()).filteredOn(event -> event.walletId().value().equals("andrei"))
                .allSatisfy(event -> assertThat(log.callers().get(event.eventId()).name())
                        .isEqualTo(RunningApi.TOKEN_NAME));
    }
}
