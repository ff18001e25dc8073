package com.acme.wallet.adapter.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BetPlaced;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.FundsRequest;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RollbackEffect;
import com.acme.wallet.domain.RollbackEffect.OriginalOutcome;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.TransactionType;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletRequest;
import com.acme.wallet.domain.WinPaid;
import com.acme.wallet.domain.WinRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON format of the betting events (schema version 2) in the log: bets, wins, rollbacks and
 * recorded refusals, pinned byte for byte, and refused when not exactly right.
 */
class PulsarEventCodecBettingTest {

    private static final UUID EVENT_ID = UUID.fromString("0b7e6f2a-5c1d-4e8f-9a3b-2d4c6e8f0a1b");
    private static final Instant AT = Instant.parse("2026-11-26T12:30:45.123456Z");
    private static final String HEAD = "{\"schemaVersion\":2,\"eventId\":\"0b7e6f2a-5c1d-4e8f-9a3b-2d4c6e8f0a1b\",";
    private static final String TAIL = "\"occurredAt\":\"2026-11-26T12:30:45.123456Z\"}";
    private static final String BET_JSON = HEAD
            + "\"type\":\"BET_PLACED\",\"userId\":\"andrei\",\"sequence\":3,\"amount\":250,\"reference\":\"bet-1\","
            + "\"roundId\":\"r-9\",\"closesRound\":false,\"metadata\":{\"game\":\"x\",\"table\":\"7\"}," + TAIL;
    private static final String WIN_JSON = HEAD
            + "\"type\":\"WIN_PAID\",\"userId\":\"andrei\",\"sequence\":4,\"amount\":600,\"reference\":\"win-1\","
            + "\"roundId\":\"r-9\",\"closesRound\":true,\"metadata\":{}," + TAIL;
    private static final String REFUND_JSON = HEAD
            + "\"type\":\"ROLLED_BACK\",\"userId\":\"andrei\",\"sequence\":5,\"amount\":250,\"reference\":\"rb-1\","
            + "\"originalReference\":\"bet-1\",\"effect\":\"REFUND_BET\",\"roundId\":\"r-9\"," + TAIL;
    private static final String TOMBSTONE_JSON = HEAD
            + "\"type\":\"ROLLED_BACK\",\"userId\":\"andrei\",\"sequence\":6,\"amount\":0,\"reference\":\"rb-2\","
            + "\"originalReference\":\"bet-late\",\"effect\":\"NOTHING\",\"originalOutcome\":\"UNKNOWN\"," + TAIL;
    private static final String REFUSED_BET_JSON = HEAD
            + "\"type\":\"REQUEST_REFUSED\",\"userId\":\"andrei\",\"sequence\":7,\"amount\":0,\"reference\":\"bet-2\","
            + "\"code\":\"INSUFFICIENT_FUNDS\",\"balance\":100,\"request\":{\"type\":\"BET\",\"amount\":5000,"
            + "\"roundId\":\"r-10\",\"closesRound\":false,\"metadata\":{\"game\":\"x\"}}," + TAIL;
    private static final String REFUSED_ROLLBACK_JSON = HEAD
            + "\"type\":\"REQUEST_REFUSED\",\"userId\":\"andrei\",\"sequence\":8,\"amount\":0,\"reference\":\"rb-3\","
            + "\"code\":\"ALREADY_ROLLED_BACK\",\"balance\":350,\"request\":{\"type\":\"ROLLBACK\","
            + "\"originalReference\":\"bet-1\"}," + TAIL;

    private final PulsarEventCodec codec = new PulsarEventCodec();

    static Stream<Arguments> pinnedEvents() {
        return Stream.of(
                Arguments.of("a bet", BET_JSON, betPlaced(3, bet("bet-1", "r-9", 250, false, metadata("game", "x",
                        "table", "7")))),
                Arguments.of("a win with no metadata that closes its round", WIN_JSON,
                        winPaid(4, win("win-1", "r-9", 600, true, Metadata.NONE))),
                Arguments.of("a refunded bet", REFUND_JSON,
                        rolledBack(5, "rb-1", "bet-1", new RollbackEffect.RefundBet(RoundId.of("r-9"), cents(250)))),
                Arguments.of("a tombstone", TOMBSTONE_JSON, rolledBack(6, "rb-2", "bet-late",
                        new RollbackEffect.NothingToRollBack(OriginalOutcome.UNKNOWN))),
                Arguments.of("a refused bet", REFUSED_BET_JSON, refused(7, bet("bet-2", "r-10", 5000, false,
                        metadata("game", "x")), RefusalCode.INSUFFICIENT_FUNDS, 100)),
                Arguments.of("a refused rollback", REFUSED_ROLLBACK_JSON, refused(8, rollback("rb-3", "bet-1"),
                        RefusalCode.ALREADY_ROLLED_BACK, 350)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pinnedEvents")
    void each_betting_event_is_written_as_the_documented_json(String what, String json, WalletEvent event) {
        assertThat(new String(codec.encode(event), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pinnedEvents")
    void the_documented_json_decodes_to_the_event_it_describes(String what, String json, WalletEvent event)
            throws Exception {
        assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
        assertThat(codec.decodeEntry(json.getBytes(StandardCharsets.UTF_8))).contains(event);
    }

    static Stream<Arguments> everyVariant() {
        Metadata unicode = metadata("spiel", "ставка-€-😀 \"quoted\" \\ back/slash", "ключ-😀", "");
        Stream<Arguments> legs = Stream.of(
                Arguments.of("a bet with no metadata", betPlaced(2, bet("b", "r", 1, false, Metadata.NONE))),
                Arguments.of("a bet that closes its round, of the most cents",
                        betPlaced(Long.MAX_VALUE, bet("b", "r", Amount.MAX_CENTS, true, metadata("k", "v")))),
                Arguments.of("a bet with Unicode everywhere",
                        betPlaced(9, bet("ставка-😀", "раунд-€", 42, false, unicode))),
                Arguments.of("a bet with metadata at its limits", betPlaced(9, bet("b", "r", 1, false,
                        quotesAtTheLimit()))),
                Arguments.of("a win of zero", winPaid(3, win("w", "r", 0, true, Metadata.NONE))),
                Arguments.of("a win with metadata at its limits in multi-byte characters",
                        winPaid(3, win("w", "r", 7, false, multiByteAtTheLimit()))));
        Stream<Arguments> rollbacks = Stream.of(
                Arguments.of("a refunded bet",
                        rolledBack(4, "rb", "b", new RollbackEffect.RefundBet(RoundId.of("r"), cents(1)))),
                Arguments.of("a reclaimed win",
                        rolledBack(4, "rb", "w", new RollbackEffect.ReclaimWin(RoundId.of("r-😀"), cents(600)))),
                Arguments.of("a reclaimed win of zero",
                        rolledBack(4, "rb", "w", new RollbackEffect.ReclaimWin(RoundId.of("r"), cents(0)))),
                Arguments.of("a tombstone",
                        rolledBack(4, "rb", "late", new RollbackEffect.NothingToRollBack(OriginalOutcome.UNKNOWN))),
                Arguments.of("a rollback of a refusal",
                        rolledBack(4, "rb", "no", new RollbackEffect.NothingToRollBack(OriginalOutcome.REJECTED))));
        Stream<Arguments> refusals = Stream.of(
                Arguments.of("a refused addition", refused(5, new FundsRequest(FundsOperation.ADD, cents(10),
                        Reference.of("add-1")), RefusalCode.BALANCE_LIMIT_EXCEEDED, 0)),
                Arguments.of("a refused removal", refused(5, new FundsRequest(FundsOperation.REMOVE,
                        cents(Amount.MAX_CENTS), Reference.of("rm-1")), RefusalCode.INSUFFICIENT_FUNDS, 99)),
                Arguments.of("a refused bet", refused(5, bet("b", "r", 5, true, unicode),
                        RefusalCode.ROUND_CLOSED, Long.MAX_VALUE)),
                Arguments.of("a refused win", refused(5, win("w", "r", 0, false, metadata("k", "v")),
                        RefusalCode.ROUND_NOT_FOUND, 1)),
                Arguments.of("a refused rollback", refused(5, rollback("rb", "b"),
                        RefusalCode.BET_ALREADY_SETTLED, 10)));
        Stream<Arguments> everyCode = Arrays.stream(RefusalCode.values()).map(code -> Arguments.of(
                "a refusal with code " + code, refused(6, rollback("rb", "x"), code, 0)));
        return Stream.of(legs, rollbacks, refusals, everyCode).flatMap(variants -> variants);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyVariant")
    void every_variant_survives_a_round_trip_and_encodes_to_the_same_bytes_again(String what, WalletEvent event)
            throws Exception {
        byte[] bytes = codec.encode(event);

        WalletEvent decoded = codec.decode(bytes);

        assertThat(decoded).isEqualTo(event);
        assertThat(codec.encode(decoded)).isEqualTo(bytes);
    }

    @Test
    void metadata_in_another_key_order_reads_as_the_same_event() throws Exception {
        String reordered = replaced(BET_JSON, "{\"game\":\"x\",\"table\":\"7\"}", "{\"table\":\"7\",\"game\":\"x\"}");

        assertThat(codec.encode(codec.decode(reordered.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(BET_JSON.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The largest events: a refusal of a bet or a win carries a reference, a round id and metadata
     * and the most other fields. JSON escapes a quote or a backslash in two bytes, the most any
     * character the domain allows in metadata grows by (control characters are refused); in a
     * 128-character reference or round id, three-byte characters take the most bytes.
     */
    static Stream<Arguments> largestEvents() {
        String longest = "€".repeat(Reference.MAX_LENGTH);
        WalletId longestWallet = WalletId.of("w".repeat(WalletId.MAX_LENGTH));
        Instant latest = Instant.MAX;
        return Stream.of(quotesAtTheLimit(), multiByteAtTheLimit()).flatMap(metadata -> Stream.of(
                new RequestRefused(EVENT_ID, longestWallet, Long.MAX_VALUE, new BetRequest(Reference.of(longest),
                        RoundId.of(longest), cents(Amount.MAX_CENTS), true, metadata),
                        RefusalCode.BALANCE_LIMIT_EXCEEDED, Long.MAX_VALUE, latest),
                new RequestRefused(EVENT_ID, longestWallet, Long.MAX_VALUE, new WinRequest(Reference.of(longest),
                        RoundId.of(longest), cents(Amount.MAX_CENTS), true, metadata),
                        RefusalCode.BALANCE_LIMIT_EXCEEDED, Long.MAX_VALUE, latest),
                new BetPlaced(EVENT_ID, longestWallet, Long.MAX_VALUE, new BetRequest(Reference.of(longest),
                        RoundId.of(longest), cents(Amount.MAX_CENTS), true, metadata), latest)))
                .map(event -> Arguments.of(event.getClass().getSimpleName() + " of "
                        + event.request().getClass().getSimpleName(), event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largestEvents")
    void the_largest_events_fit_the_size_limit_and_read_back(String what, WalletEvent event) throws Exception {
        byte[] bytes = codec.encode(event);

        assertThat(bytes.length).isLessThanOrEqualTo(PulsarEventCodec.MAX_EVENT_BYTES);
        assertThat(codec.decode(bytes)).isEqualTo(event);
    }

    @Test
    void the_largest_refusal_takes_the_size_the_codec_documents() {
        WalletEvent largest = (WalletEvent) largestEvents().findFirst().orElseThrow().get()[1];

        // PulsarEventCodec.MAX_EVENT_BYTES documents 5,394 bytes: keep the two in step.
        assertThat(codec.encode(largest).length).isEqualTo(5_394);
    }

    @Test
    void the_metadata_of_the_largest_events_is_at_the_domains_limits() {
        for (Metadata metadata : new Metadata[] {quotesAtTheLimit(), multiByteAtTheLimit()}) {
            Map<String, String> oneMore = new LinkedHashMap<>(metadata.entries());
            String firstKey = oneMore.keySet().iterator().next();
            oneMore.put(firstKey, oneMore.get(firstKey) + "\"");

            assertThat(metadata.entries()).hasSize(Metadata.MAX_KEYS);
            assertThat(utf8Bytes(metadata)).isEqualTo(Metadata.MAX_TOTAL_BYTES);
            assertThatThrownBy(() -> Metadata.of(oneMore)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void every_refusal_code_original_outcome_and_request_type_is_written_under_its_documented_name() {
        // These names are the log's format: renaming a constant would make older events unreadable.
        assertThat(Arrays.stream(RefusalCode.values()).map(code -> written(refused(6, rollback("rb", "x"), code, 0))))
                .map(json -> json.replaceAll(".*\"code\":\"([A-Z_]+)\".*", "$1"))
                .containsExactly("INSUFFICIENT_FUNDS", "BALANCE_LIMIT_EXCEEDED", "ROUND_NOT_FOUND", "ROUND_CLOSED",
                        "ALREADY_ROLLED_BACK", "BET_ALREADY_SETTLED", "NOT_ROLLBACKABLE");
        assertThat(Arrays.stream(OriginalOutcome.values()).map(outcome -> written(rolledBack(4, "rb", "x",
                        new RollbackEffect.NothingToRollBack(outcome)))))
                .map(json -> json.replaceAll(".*\"originalOutcome\":\"([A-Z_]+)\".*", "$1"))
                .containsExactly("UNKNOWN", "REJECTED");
        WalletRequest[] requests = {
            new FundsRequest(FundsOperation.ADD, cents(1), Reference.of("a")),
            new FundsRequest(FundsOperation.REMOVE, cents(1), Reference.of("a")),
            bet("a", "r", 1, false, Metadata.NONE),
            win("a", "r", 1, false, Metadata.NONE),
            rollback("a", "b"),
        };
        assertThat(Arrays.stream(requests).map(request -> written(refused(6, request, RefusalCode.ROUND_CLOSED, 0))))
                .map(json -> json.replaceAll(".*\"request\":\\{\"type\":\"([A-Z_]+)\".*", "$1"))
                .containsExactly("ADD", "REMOVE", "BET", "WIN", "ROLLBACK")
                .hasSize(TransactionType.values().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPayloads")
    void anything_but_exactly_a_betting_event_is_refused_for_its_reason(String what, String payload, String reason) {
        assertThatThrownBy(() -> codec.decode(payload.getBytes(StandardCharsets.UTF_8)))
                .as(what)
                .isInstanceOf(PulsarEventCodec.MalformedEventException.class)
                .hasMessageContaining(reason);
    }

    static Stream<Arguments> malformedPayloads() {
        return Stream.of(versions(), missingFields(), extraFields(), legs(), rollbacks(), refusals())
                .flatMap(cases -> cases);
    }

    private static Stream<Arguments> versions() {
        return Stream.of(
                Arguments.of("a version-1 BET_PLACED", version1(BET_JSON), "type BET_PLACED has schema version 2"),
                Arguments.of("a version-1 WIN_PAID", version1(WIN_JSON), "type WIN_PAID has schema version 2"),
                Arguments.of("a version-1 ROLLED_BACK", version1(REFUND_JSON), "type ROLLED_BACK has schema version 2"),
                Arguments.of("a version-1 REQUEST_REFUSED", version1(REFUSED_BET_JSON),
                        "type REQUEST_REFUSED has schema version 2"),
                Arguments.of("a version-3 BET_PLACED",
                        replaced(BET_JSON, "\"schemaVersion\":2", "\"schemaVersion\":3"), "unknown schema version 3"));
    }

    private static Stream<Arguments> missingFields() {
        return Stream.of(
                Arguments.of("a bet without roundId", replaced(BET_JSON, "\"roundId\":\"r-9\",", ""), "fields missing"),
                Arguments.of("a bet without its reference", replaced(BET_JSON, "\"reference\":\"bet-1\",", ""),
                        "fields missing"),
                Arguments.of("a win without metadata", replaced(WIN_JSON, "\"metadata\":{},", ""), "fields missing"),
                Arguments.of("a win without closesRound", replaced(WIN_JSON, "\"closesRound\":true,", ""),
                        "fields missing"),
                Arguments.of("a rollback without originalReference",
                        replaced(REFUND_JSON, "\"originalReference\":\"bet-1\",", ""), "fields missing"),
                Arguments.of("a rollback without effect", replaced(REFUND_JSON, "\"effect\":\"REFUND_BET\",", ""),
                        "field effect is missing"),
                Arguments.of("a tombstone without originalOutcome",
                        replaced(TOMBSTONE_JSON, ",\"originalOutcome\":\"UNKNOWN\"", ""), "fields missing"),
                Arguments.of("a refusal without code",
                        replaced(REFUSED_BET_JSON, "\"code\":\"INSUFFICIENT_FUNDS\",", ""),
                        "fields missing"),
                Arguments.of("a refusal without balance", replaced(REFUSED_BET_JSON, "\"balance\":100,", ""),
                        "fields missing"),
                Arguments.of("a refusal without its request", replaced(REFUSED_ROLLBACK_JSON,
                        ",\"request\":{\"type\":\"ROLLBACK\",\"originalReference\":\"bet-1\"}", ""), "fields missing"),
                Arguments.of("a refused bet without its amount", replaced(REFUSED_BET_JSON, "\"amount\":5000,", ""),
                        "fields missing"),
                Arguments.of("a refused rollback without originalReference",
                        replaced(REFUSED_ROLLBACK_JSON, ",\"originalReference\":\"bet-1\"", ""), "fields missing"),
                Arguments.of("a refused request without type",
                        replaced(REFUSED_BET_JSON, "{\"type\":\"BET\",", "{"), "field type is missing"));
    }

    private static Stream<Arguments> extraFields() {
        return Stream.of(
                Arguments.of("a bet with an extra field", replaced(BET_JSON, TAIL, "\"extra\":true," + TAIL),
                        "unexpected field extra"),
                Arguments.of("a bet with an originalReference",
                        replaced(BET_JSON, "\"roundId\"", "\"originalReference\":\"x\",\"roundId\""),
                        "unexpected field originalReference"),
                Arguments.of("a refund with an originalOutcome",
                        replaced(REFUND_JSON, "\"roundId\"", "\"originalOutcome\":\"UNKNOWN\",\"roundId\""),
                        "unexpected field originalOutcome"),
                Arguments.of("a refusal with a roundId", replaced(REFUSED_BET_JSON, "\"code\"", "\"roundId\":\"r\","
                        + "\"code\""), "unexpected field roundId"),
                Arguments.of("a refused rollback request with an amount",
                        replaced(REFUSED_ROLLBACK_JSON, "\"originalReference\"", "\"amount\":1,\"originalReference\""),
                        "unexpected field amount"),
                Arguments.of("a refused bet request with its own reference",
                        replaced(REFUSED_BET_JSON, "{\"type\":\"BET\",", "{\"type\":\"BET\",\"reference\":\"bet-2\","),
                        "unexpected field reference"),
                Arguments.of("a refused addition with a roundId", replaced(REFUSED_ROLLBACK_JSON,
                        "{\"type\":\"ROLLBACK\",\"originalReference\":\"bet-1\"}",
                        "{\"type\":\"ADD\",\"amount\":1,\"roundId\":\"r\"}"), "unexpected field roundId"),
                Arguments.of("a duplicated metadata key",
                        replaced(BET_JSON, "{\"game\":\"x\",", "{\"game\":\"x\",\"game\":\"x\","), "Duplicate field"),
                Arguments.of("a duplicated field in a refused request",
                        replaced(REFUSED_BET_JSON, "\"amount\":5000,", "\"amount\":5000,\"amount\":5000,"),
                        "Duplicate field"));
    }

    private static Stream<Arguments> legs() {
        return Stream.of(
                Arguments.of("closesRound as a string", replaced(BET_JSON, "\"closesRound\":false",
                        "\"closesRound\":\"true\""), "closesRound is not a boolean"),
                Arguments.of("closesRound as a number", replaced(BET_JSON, "\"closesRound\":false",
                        "\"closesRound\":1"), "closesRound is not a boolean"),
                Arguments.of("closesRound null", replaced(BET_JSON, "\"closesRound\":false", "\"closesRound\":null"),
                        "closesRound is missing"),
                Arguments.of("closesRound as a string in a refused bet", replaced(REFUSED_BET_JSON,
                        "\"closesRound\":false", "\"closesRound\":\"false\""), "closesRound is not a boolean"),
                Arguments.of("metadata with a number value", replaced(BET_JSON, "\"table\":\"7\"", "\"table\":7"),
                        "metadata table is not a string"),
                Arguments.of("metadata with a null value", replaced(BET_JSON, "\"table\":\"7\"", "\"table\":null"),
                        "metadata table is not a string"),
                Arguments.of("metadata with an object value", replaced(BET_JSON, "\"table\":\"7\"", "\"table\":{}"),
                        "metadata table is not a string"),
                Arguments.of("metadata as an array", replaced(WIN_JSON, "\"metadata\":{}", "\"metadata\":[]"),
                        "metadata is not an object"),
                Arguments.of("metadata as a string", replaced(WIN_JSON, "\"metadata\":{}", "\"metadata\":\"{}\""),
                        "metadata is not an object"),
                Arguments.of("metadata null", replaced(WIN_JSON, "\"metadata\":{}", "\"metadata\":null"),
                        "metadata is missing"),
                Arguments.of("metadata with a number value in a refused bet",
                        replaced(REFUSED_BET_JSON, "{\"game\":\"x\"}", "{\"game\":1}"),
                        "metadata game is not a string"),
                Arguments.of("metadata with 17 keys", replaced(WIN_JSON, "\"metadata\":{}", "\"metadata\":{"
                        + String.join(",", IntStream.rangeClosed(1, 17).mapToObj(i -> "\"k" + i + "\":\"v\"").toList())
                        + "}"), "at most 16 keys"),
                Arguments.of("metadata with an empty key",
                        replaced(WIN_JSON, "\"metadata\":{}", "\"metadata\":{\"\":\"v\"}"),
                        "metadata key"),
                Arguments.of("metadata with a control character",
                        replaced(WIN_JSON, "\"metadata\":{}", "\"metadata\":{\"k\":\"a\\u0007b\"}"),
                        "control characters"),
                Arguments.of("metadata with a lone surrogate",
                        replaced(WIN_JSON, "\"metadata\":{}", "\"metadata\":{\"k\":\"\\ud800\"}"), "valid Unicode"),
                Arguments.of("a bet of zero", replaced(BET_JSON, "\"amount\":250", "\"amount\":0"), "above zero"),
                Arguments.of("a win below zero", replaced(WIN_JSON, "\"amount\":600", "\"amount\":-1"), "negative"),
                Arguments.of("a win of a fraction", replaced(WIN_JSON, "\"amount\":600", "\"amount\":600.0"),
                        "not a whole number"),
                Arguments.of("a bet with the opening's sequence",
                        replaced(BET_JSON, "\"sequence\":3", "\"sequence\":1"),
                        "precede the opening"),
                Arguments.of("a blank round id", replaced(BET_JSON, "\"r-9\"", "\" \""), "roundId is required"),
                Arguments.of("a round id too long", replaced(BET_JSON, "\"r-9\"", "\"" + "r".repeat(129) + "\""),
                        "at most 128"),
                Arguments.of("a round id as a number", replaced(BET_JSON, "\"r-9\"", "9"), "roundId is not a string"));
    }

    private static Stream<Arguments> rollbacks() {
        return Stream.of(
                Arguments.of("an unknown effect", replaced(REFUND_JSON, "REFUND_BET", "REFUND"),
                        "unknown rollback effect REFUND"),
                Arguments.of("an effect in lower case", replaced(REFUND_JSON, "REFUND_BET", "refund_bet"),
                        "unknown rollback effect"),
                Arguments.of("effect NOTHING with a roundId", replaced(REFUND_JSON, "REFUND_BET", "NOTHING"),
                        "unexpected field roundId"),
                Arguments.of("effect NOTHING with both a roundId and an originalOutcome",
                        replaced(TOMBSTONE_JSON, "\"originalOutcome\"", "\"roundId\":\"r-9\",\"originalOutcome\""),
                        "unexpected field roundId"),
                Arguments.of("effect REFUND_BET without a roundId", replaced(TOMBSTONE_JSON, "NOTHING", "REFUND_BET"),
                        "unexpected field originalOutcome"),
                Arguments.of("an unknown original outcome", replaced(TOMBSTONE_JSON, "UNKNOWN", "LOST"),
                        "originalOutcome is LOST"),
                Arguments.of("an original outcome by its client name", replaced(TOMBSTONE_JSON, "UNKNOWN", "unknown"),
                        "originalOutcome is unknown"),
                Arguments.of("nothing rolled back but an amount", replaced(TOMBSTONE_JSON, "\"amount\":0",
                        "\"amount\":5"), "amount 5 of a ROLLED_BACK that moved 0 cents"),
                Arguments.of("a refund of a negative amount",
                        replaced(REFUND_JSON, "\"amount\":250", "\"amount\":-250"),
                        "negative"),
                Arguments.of("a rollback of itself", replaced(REFUND_JSON, "\"originalReference\":\"bet-1\"",
                        "\"originalReference\":\"rb-1\""), "must differ from its originalReference"));
    }

    private static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("a refusal that moved money",
                        replaced(REFUSED_BET_JSON, "\"amount\":0", "\"amount\":5000"),
                        "amount 5000 of a REQUEST_REFUSED that moved 0 cents"),
                Arguments.of("an unknown refusal code", replaced(REFUSED_BET_JSON, "INSUFFICIENT_FUNDS", "NO_MONEY"),
                        "code is NO_MONEY"),
                Arguments.of("a refusal code as the client sees it",
                        replaced(REFUSED_BET_JSON, "INSUFFICIENT_FUNDS", "insufficient_funds"),
                        "code is insufficient_funds"),
                Arguments.of("a negative balance", replaced(REFUSED_BET_JSON, "\"balance\":100", "\"balance\":-1"),
                        "no negative balance"),
                Arguments.of("a balance in quotes",
                        replaced(REFUSED_BET_JSON, "\"balance\":100", "\"balance\":\"100\""),
                        "balance is not a whole number"),
                Arguments.of("an unknown request type", replaced(REFUSED_BET_JSON, "\"type\":\"BET\"",
                        "\"type\":\"DEPOSIT\""), "type is DEPOSIT"),
                Arguments.of("a request as a string", replaced(REFUSED_ROLLBACK_JSON,
                        "{\"type\":\"ROLLBACK\",\"originalReference\":\"bet-1\"}", "\"ROLLBACK\""),
                        "request is not an object"),
                Arguments.of("a request null", replaced(REFUSED_ROLLBACK_JSON,
                        "{\"type\":\"ROLLBACK\",\"originalReference\":\"bet-1\"}", "null"), "request is missing"),
                Arguments.of("a refused bet of zero", replaced(REFUSED_BET_JSON, "\"amount\":5000", "\"amount\":0"),
                        "above zero"),
                Arguments.of("a refused bet amount in quotes", replaced(REFUSED_BET_JSON, "\"amount\":5000",
                        "\"amount\":\"5000\""), "amount is not a whole number"),
                Arguments.of("a refused removal of zero", replaced(REFUSED_ROLLBACK_JSON,
                        "{\"type\":\"ROLLBACK\",\"originalReference\":\"bet-1\"}",
                        "{\"type\":\"REMOVE\",\"amount\":0}"),
                        "above zero"),
                Arguments.of("a refused rollback of itself", replaced(REFUSED_ROLLBACK_JSON,
                        "\"originalReference\":\"bet-1\"", "\"originalReference\":\"rb-3\""),
                        "must differ from its originalReference"));
    }

    private String written(WalletEvent event) {
        return new String(codec.encode(event), StandardCharsets.UTF_8);
    }

    /** 16 keys and values of quotes and backslashes, 2,048 bytes in all: every byte escaped in JSON. */
    private static Metadata quotesAtTheLimit() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < Metadata.MAX_KEYS; i++) {
            entries.put("\\".repeat(i) + "\"".repeat(64 - i), "\"".repeat(64));
        }
        return Metadata.of(entries);
    }

    /** 16 keys and values of two-, three- and four-byte characters, 2,048 bytes in all. */
    private static Metadata multiByteAtTheLimit() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < Metadata.MAX_KEYS; i++) {
            // 4 + 3 + 2 + 2 bytes for the key, 3 × 39 bytes for the value: 128 bytes an entry.
            entries.put("😀€é" + String.format("%02d", i), "€".repeat(39));
        }
        return Metadata.of(entries);
    }

    private static int utf8Bytes(Metadata metadata) {
        return metadata.entries().entrySet().stream().mapToInt(entry -> entry.getKey()
                .getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length)
                .sum();
    }

    private static String version1(String json) {
        return replaced(json, "\"schemaVersion\":2", "\"schemaVersion\":1");
    }

    private static String replaced(String json, String part, String replacement) {
        if (!json.contains(part)) {
            throw new IllegalArgumentException(part + " is not in " + json);
        }
        return json.replace(part, replacement);
    }

    private static Metadata metadata(String... keysAndValues) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Metadata.of(entries);
    }

    private static Amount cents(long cents) {
        return Amount.ofCents(cents);
    }

    private static BetRequest bet(String reference, String roundId, long cents, boolean closesRound,
            Metadata metadata) {
        return new BetRequest(Reference.of(reference), RoundId.of(roundId), cents(cents), closesRound, metadata);
    }

    private static WinRequest win(String reference, String roundId, long cents, boolean closesRound,
            Metadata metadata) {
        return new WinRequest(Reference.of(reference), RoundId.of(roundId), cents(cents), closesRound, metadata);
    }

    private static RollbackRequest rollback(String reference, String originalReference) {
        return new RollbackRequest(Reference.of(reference), Reference.of(originalReference));
    }

    private static BetPlaced betPlaced(long sequence, BetRequest request) {
        return new BetPlaced(EVENT_ID, WalletId.of("andrei"), sequence, request, AT);
    }

    private static WinPaid winPaid(long sequence, WinRequest request) {
        return new WinPaid(EVENT_ID, WalletId.of("andrei"), sequence, request, AT);
    }

    private static RolledBack rolledBack(long sequence, String reference, String originalReference,
            RollbackEffect effect) {
        return new RolledBack(EVENT_ID, WalletId.of("andrei"), sequence, rollback(reference, originalReference),
                effect, AT);
    }

    private static RequestRefused refused(long sequence, WalletRequest request, RefusalCode code, long balanceCents) {
        return new RequestRefused(EVENT_ID, WalletId.of("andrei"), sequence, request, code, balanceCents, AT);
    }
}
