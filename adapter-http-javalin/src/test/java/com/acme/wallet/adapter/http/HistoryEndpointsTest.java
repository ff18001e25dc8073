package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.domain.WalletEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /wallet/{userId}/transactions}, {@code GET /wallet/{userId}?at=...|atSequence=...} and
 * {@code GET /wallet/{userId}/rounds/{roundId}} over a real server, whose stored history is the
 * in-memory log's, held back when a test plays a batch consumer that lags.
 */
class HistoryEndpointsTest {

    private final InMemoryEventLog log = new InMemoryEventLog();
    private final AtomicInteger storedEvents = new AtomicInteger(Integer.MAX_VALUE);
    private RunningApi api;
    private ApiClient client;

    @BeforeEach
    void startServerWithAWalletOf100AndARound() {
        api = RunningApi.over(log, new InMemoryWalletHistory(() -> {
            List<WalletEvent> events = log.events();
            return events.subList(0, Math.min(storedEvents.get(), events.size()));
        }));
        client = api.client();
        client.openWallet("andrei", 100);
        ok(client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"dep-1\"}"));
        ok(client.post("/bet/andrei", "{\"amount\":30,\"reference\":\"bet-1\",\"roundId\":\"r-9\"}"));
        ok(client.post("/bet/andrei", "{\"amount\":20,\"reference\":\"bet-2\",\"roundId\":\"r-9\"}"));
        ok(client.post("/rollback/andrei", "{\"reference\":\"rb-1\",\"originalReference\":\"bet-1\"}"));
        ok(client.post("/win/andrei", "{\"amount\":50,\"reference\":\"win-1\",\"roundId\":\"r-9\",\"closesRound\":true,"
                + "\"metadata\":{\"game\":\"x\"}}"));
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void a_page_shows_the_newest_entries_as_the_lookup_renders_them_and_the_cursor_of_the_next() {
        ApiClient.ApiResponse answer = client.get("/wallet/andrei/transactions?limit=2");

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        JsonNode page = answer.json();
        assertThat(fieldNames(page)).containsExactly("userId", "items", "nextCursor", "storedThroughSequence");
        assertThat(page.get("userId").asText()).isEqualTo("andrei");
        assertThat(page.get("storedThroughSequence").longValue()).isEqualTo(6);
        assertThat(page.get("nextCursor").asText()).matches("[A-Za-z0-9_-]{35}");
        JsonNode win = page.get("items").get(0);
        JsonNode lookup = client.get("/wallet/andrei/transactions/win-1").json();
        ((ObjectNode) lookup).remove("userId");
        assertThat(win).isEqualTo(lookup);
        assertThat(fieldNames(win)).containsExactly("reference", "type", "outcome", "amount", "sequence",
                "balanceAfter", "occurredAt", "roundId", "closesRound", "metadata");
        assertThat(page.get("items").get(1).get("originalReference").asText()).isEqualTo("bet-1");
    }

    @Test
    void following_next_cursors_reads_every_entry_once_down_to_the_opening_shown_as_type_open() {
        List<Long> sequences = new ArrayList<>();
        String path = "/wallet/andrei/transactions?limit=4";
        JsonNode page = ok(client.get(path)).json();
        JsonNode last = null;
        for (int pages = 1; ; pages++) {
            page.get("items").forEach(item -> sequences.add(item.get("sequence").longValue()));
            last = page.get("items").get(page.get("items").size() - 1);
            if (page.get("nextCursor").isNull()) {
                assertThat(pages).isEqualTo(2);
                break;
            }
            page = ok(client.get(path + "&cursor=" + page.get("nextCursor").asText())).json();
        }

        assertThat(sequences).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(fieldNames(last)).containsExactly("type", "outcome", "amount", "sequence", "balanceAfter",
                "occurredAt");
        assertThat(last.get("type").asText()).isEqualTo("OPEN");
        assertThat(last.get("amount").longValue()).isEqualTo(100);
    }

    @Test
    void filters_and_the_ascending_order_pick_and_order_the_entries() {
        JsonNode bets = ok(client.get("/wallet/andrei/transactions?order=asc&types=BET,ROLLBACK&roundId=r-9")).json();
        assertThat(references(bets)).containsExactly("bet-1", "bet-2", "rb-1");

        List<String> times = new ArrayList<>();
        ok(client.get("/wallet/andrei/transactions?order=asc")).json().get("items")
                .forEach(item -> times.add(item.get("occurredAt").asText()));
        JsonNode window = ok(client.get("/wallet/andrei/transactions?order=asc&from=" + times.get(1) + "&to="
                + times.get(3))).json();
        assertThat(references(window)).containsExactly("dep-1", "bet-1");
    }

    @Test
    void a_cursor_with_other_filters_another_order_or_another_wallet_or_a_malformed_one_answers_invalid_cursor() {
        client.openWallet("maria", 5);
        String cursor = ok(client.get("/wallet/andrei/transactions?limit=1&types=BET")).json().get("nextCursor")
                .asText();

        assertError(client.get("/wallet/andrei/transactions?limit=1&cursor=" + cursor), 400, "invalid_cursor");
        assertError(client.get("/wallet/andrei/transactions?types=BET&order=asc&cursor=" + cursor), 400,
                "invalid_cursor");
        assertError(client.get("/wallet/maria/transactions?types=BET&cursor=" + cursor), 400, "invalid_cursor");
        assertError(client.get("/wallet/andrei/transactions?types=BET&cursor=AAAA"), 400, "invalid_cursor");
        assertError(client.get("/wallet/andrei/transactions?types=BET&cursor="), 400, "invalid_cursor");
        assertThat(ok(client.get("/wallet/andrei/transactions?types=BET&limit=5&cursor=" + cursor)).json()
                .get("items").get(0).get("reference").asText()).isEqualTo("bet-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=201", "limit=abc", "limit=-1", "limit=1.5", "limit=", "order=up",
            "order=DESC", "types=BET,BET", "types=OPEN", "types=bet", "types=", "types=BET,", "roundId=",
            "from=yesterday", "from=2026-01-01", "to=2026-01-01T00:00:00", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
            "from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from=+10000-01-01T00:00:00Z", "minSequence=0",
            "minSequence=-5", "minSequence=99999999999999999999", "limit=5&limit=6", "type=BET", "page=2", "="})
    void every_bad_parameter_of_a_history_page_answers_400_invalid_request(String query) {
        assertError(client.sendingInvalidRequestsOnPurpose().get("/wallet/andrei/transactions?" + query), 400,
                "invalid_request");
    }

    @Test
    void a_malformed_query_string_answers_400_invalid_request() throws Exception {
        RawHttp.Answer answer = RawHttp.send(api.port(), "GET", "/wallet/andrei/transactions?a=%ZZ", Map.of(),
                new byte[0]);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"code\":\"invalid_request\"");
    }

    @Test
    void an_unknown_wallet_answers_404_and_one_not_stored_yet_503_with_retry_after() {
        assertError(client.get("/wallet/maria/transactions"), 404, "wallet_not_found");
        assertError(client.get("/wallet/maria?atSequence=1"), 404, "wallet_not_found");
        assertError(client.get("/wallet/maria/rounds/r-9"), 404, "wallet_not_found");

        storedEvents.set(log.events().size());
        client.openWallet("maria", 5);

        ApiClient.ApiResponse notStored = client.get("/wallet/maria/transactions");
        assertError(notStored, 503, "unavailable");
        assertThat(notStored.header("Retry-After")).hasValue("1");
    }

    @Test
    void a_min_sequence_the_store_has_not_reached_answers_503_and_one_the_wallet_never_reached_404() {
        storedEvents.set(4);

        assertError(client.get("/wallet/andrei/transactions?minSequence=5"), 503, "unavailable");
        assertError(client.get("/wallet/andrei/rounds/r-9?minSequence=6"), 503, "unavailable");
        assertError(client.get("/wallet/andrei/transactions?minSequence=7"), 404, "sequence_not_found");
        assertThat(ok(client.get("/wallet/andrei/transactions?minSequence=4")).json().get("storedThroughSequence")
                .longValue()).isEqualTo(4);
    }

    @Test
    void the_balance_at_a_sequence_or_an_instant_answers_the_balance_then_and_echoes_the_point() {
        JsonNode deposit = client.get("/wallet/andrei/transactions/dep-1").json();
        Instant depositedAt = Instant.parse(deposit.get("occurredAt").asText());

        ApiClient.ApiResponse atSequence = ok(client.get("/wallet/andrei?atSequence=2"));
        assertThat(atSequence.body()).isEqualTo("{\"userId\":\"andrei\",\"balance\":110,\"sequence\":2,\"at\":\""
                + depositedAt + "\"}");
        JsonNode atInstant = ok(client.get("/wallet/andrei?at=" + depositedAt)).json();
        assertThat(atInstant.get("sequence").longValue()).isGreaterThanOrEqualTo(2);
        assertThat(atInstant.get("at").asText()).isEqualTo(depositedAt.toString());
        JsonNode atOpening = ok(client.get("/wallet/andrei?atSequence=1")).json();
        assertThat(atOpening.get("balance").longValue()).isEqualTo(100);

        assertError(client.get("/wallet/andrei?at=2000-01-01T00:00:00Z"), 404, "before_opening");
        assertError(client.get("/wallet/andrei?atSequence=7"), 404, "sequence_not_found");
        storedEvents.set(3);
        assertError(client.get("/wallet/andrei?atSequence=5"), 503, "unavailable");
        assertThat(client.get("/wallet/andrei").body()).as("the seed's answer, from the writer's memory")
                .isEqualTo("{\"userId\":\"andrei\",\"balance\":140}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"atSequence=0", "atSequence=x", "at=now", "at=2026-01-01T00:00:00Z&atSequence=1",
            "minSequence=3", "amount=1", "atSequence=1&atSequence=2", "at=", "atsequence=1"})
    void every_bad_parameter_of_a_past_balance_answers_400_invalid_request(String query) {
        assertError(client.sendingInvalidRequestsOnPurpose().get("/wallet/andrei?" + query), 400, "invalid_request");
    }

    @Test
    void a_round_shows_its_status_sums_and_legs_with_the_rollback_that_undid_each() {
        ApiClient.ApiResponse answer = ok(client.get("/wallet/andrei/rounds/r-9"));

        assertThat(answer.body()).isEqualTo("{\"userId\":\"andrei\",\"roundId\":\"r-9\",\"status\":\"CLOSED\","
                + "\"staked\":20,\"won\":50,\"legs\":["
                + "{\"reference\":\"bet-1\",\"type\":\"BET\",\"amount\":30,\"sequence\":3,\"rolledBackBy\":\"rb-1\"},"
                + "{\"reference\":\"bet-2\",\"type\":\"BET\",\"amount\":20,\"sequence\":4,\"rolledBackBy\":null},"
                + "{\"reference\":\"win-1\",\"type\":\"WIN\",\"amount\":50,\"sequence\":6,\"rolledBackBy\":null}]}");
        ok(client.post("/bet/andrei", "{\"amount\":1,\"reference\":\"bet-3\",\"roundId\":\"r 10\"}"));
        assertThat(ok(client.get("/wallet/andrei/rounds/r%2010")).json().get("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void a_round_without_a_stored_leg_answers_404_and_bad_parameters_400() {
        assertError(client.get("/wallet/andrei/rounds/r-1"), 404, "round_not_found");
        ApiClient invalid = client.sendingInvalidRequestsOnPurpose();
        assertError(invalid.get("/wallet/andrei/rounds/r-9?minSequence=0"), 400, "invalid_request");
        assertError(invalid.get("/wallet/andrei/rounds/r-9?order=asc"), 400, "invalid_request");
        assertError(invalid.get("/wallet/andrei/rounds/" + "r".repeat(129)), 400, "invalid_request");
        assertError(invalid.get("/wallet/andrei/rounds/%20"), 400, "invalid_request");
    }

    private static ApiClient.ApiResponse ok(ApiClient.ApiResponse answer) {
        assertThat(answer.status()).as("%s", answer).isBetween(200, 201);
        return answer;
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> references(JsonNode page) {
        List<String> references = new ArrayList<>();
        page.get("items").forEach(item -> references.add(item.get("reference").asText()));
        return references;
    }
}
