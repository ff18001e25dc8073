package com.acme.wallet.adapter.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON format of events in the log: pinned byte for byte, and refused when not exactly right. */
class PulsarEventCodecTest {

    private static final UUID EVENT_ID = UUID.fromString("0b7e6f2a-5c1d-4e8f-9a3b-2d4c6e8f0a1b");
    private static final Instant AT = Instant.parse("2026-11-26T12:30:45.123456Z");
    private static final String OPENED_JSON = "{\"schemaVersion\":1,"
            + "\"eventId\":\"0b7e6f2a-5c1d-4e8f-9a3b-2d4c6e8f0a1b\",\"type\":\"WALLET_OPENED\","
            + "\"userId\":\"andrei\",\"sequence\":1,\"amount\":100,"
            + "\"occurredAt\":\"2026-11-26T12:30:45.123456Z\"}";
    private static final String ADDED_JSON = "{\"schemaVersion\":1,"
            + "\"eventId\":\"0b7e6f2a-5c1d-4e8f-9a3b-2d4c6e8f0a1b\",\"type\":\"FUNDS_ADDED\","
            + "\"userId\":\"andrei\",\"sequence\":2,\"amount\":10,\"reference\":\"wonbet-1\","
            + "\"occurredAt\":\"2026-11-26T12:30:45.123456Z\"}";

    private final PulsarEventCodec codec = new PulsarEventCodec();

    @Test
    void an_opening_is_written_as_the_documented_json_without_a_reference() {
        WalletOpened opened = new WalletOpened(EVENT_ID, WalletId.of("andrei"), 1, Amount.ofCents(100), AT);

        assertThat(new String(codec.encode(opened), StandardCharsets.UTF_8)).isEqualTo(OPENED_JSON);
    }

    @Test
    void an_addition_is_written_as_the_documented_json_with_its_reference() {
        assertThat(new String(codec.encode(change(FundsOperation.ADD, 2, 10, "wonbet-1")), StandardCharsets.UTF_8))
                .isEqualTo(ADDED_JSON);
    }

    @Test
    void a_removal_is_typed_funds_removed() {
        byte[] removal = codec.encode(change(FundsOperation.REMOVE, 3, 50, "lostbet-2"));
        String json = new String(removal, StandardCharsets.UTF_8);

        assertThat(json).contains("\"type\":\"FUNDS_REMOVED\"").contains("\"reference\":\"lostbet-2\"");
    }

    @Test
    void every_kind_of_event_survives_a_round_trip_and_encodes_to_the_same_bytes_again() throws Exception {
        WalletEvent[] events = {
            new WalletOpened(EVENT_ID, WalletId.of("a.b_c:d@e-f"), 1, Amount.ZERO, Instant.EPOCH),
            new WalletOpened(UUID.randomUUID(), WalletId.of("x"), 1, Amount.ofCents(Amount.MAX_CENTS), AT),
            change(FundsOperation.ADD, 2, 1, "wonbet-1"),
            change(FundsOperation.REMOVE, Long.MAX_VALUE, Amount.MAX_CENTS, "r".repeat(Reference.MAX_LENGTH)),
            change(FundsOperation.ADD, 7, 42, "ставка-€-😀 \"quoted\" \\ back/slash"),
        };
        for (WalletEvent event : events) {
            byte[] bytes = codec.encode(event);

            WalletEvent decoded = codec.decode(bytes);

            assertThat(decoded).isEqualTo(event);
            assertThat(codec.encode(decoded)).isEqualTo(bytes);
        }
    }

    @Test
    void the_documented_bytes_decode_to_the_events_they_describe() throws Exception {
        assertThat(codec.decode(OPENED_JSON.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new WalletOpened(EVENT_ID, WalletId.of("andrei"), 1, Amount.ofCents(100), AT));
        assertThat(codec.decode(ADDED_JSON.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(change(FundsOperation.ADD, 2, 10, "wonbet-1"));
    }

    @Test
    void an_unknown_schema_version_is_refused_and_named() {
        String version3 = added("\"schemaVersion\":1", "\"schemaVersion\":3");

        assertThatThrownBy(() -> codec.decode(version3.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PulsarEventCodec.MalformedEventException.class)
                .hasMessageContaining("unknown schema version 3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstTypesUnderTheBettingVersion")
    void a_first_version_type_under_the_betting_schema_version_is_refused(String what, String payload) {
        assertThatThrownBy(() -> codec.decode(payload.getBytes(StandardCharsets.UTF_8)))
                .as(what)
                .isInstanceOf(PulsarEventCodec.MalformedEventException.class)
                .hasMessageContaining("has schema version 1, not 2");
    }

    static Stream<Arguments> firstTypesUnderTheBettingVersion() {
        return Stream.of(
                Arguments.of("FUNDS_ADDED", added("\"schemaVersion\":1", "\"schemaVersion\":2")),
                Arguments.of("FUNDS_REMOVED", added("\"schemaVersion\":1", "\"schemaVersion\":2")
                        .replace("FUNDS_ADDED", "FUNDS_REMOVED")),
                Arguments.of("WALLET_OPENED", opened("\"schemaVersion\":1", "\"schemaVersion\":2")));
    }

    @Test
    void a_barrier_reads_as_no_event_under_version_1_only() throws Exception {
        byte[] barrier = codec.encodeBarrier(EVENT_ID, AT);
        String json = new String(barrier, StandardCharsets.UTF_8);
        byte[] version2 = replaced(json, "\"schemaVersion\":1", "\"schemaVersion\":2")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"schemaVersion\":1,\"type\":\"BARRIER\","
                + "\"barrierId\":\"0b7e6f2a-5c1d-4e8f-9a3b-2d4c6e8f0a1b\","
                + "\"occurredAt\":\"2026-11-26T12:30:45.123456Z\"}");
        assertThat(codec.decodeEntry(barrier)).isEmpty();
        assertThatThrownBy(() -> codec.decodeEntry(version2))
                .isInstanceOf(PulsarEventCodec.MalformedEventException.class)
                .hasMessageContaining("type BARRIER has schema version 1, not 2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPayloads")
    void anything_but_exactly_an_event_is_refused(String what, String payload) {
        assertThatThrownBy(() -> codec.decode(payload.getBytes(StandardCharsets.UTF_8)))
                .as(what)
                .isInstanceOf(PulsarEventCodec.MalformedEventException.class);
    }

    static Stream<Arguments> malformedPayloads() {
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("not JSON", "not json"),
                Arguments.of("an array", "[]"),
                Arguments.of("null", "null"),
                Arguments.of("a number", "42"),
                Arguments.of("an empty object", "{}"),
                Arguments.of("trailing data", ADDED_JSON + " {}"),
                Arguments.of("schema version as a fraction", added("\"schemaVersion\":1", "\"schemaVersion\":1.0")),
                Arguments.of("schema version as a string", added("\"schemaVersion\":1", "\"schemaVersion\":\"1\"")),
                Arguments.of("a short UUID", added("0b7e6f2a-5c1d-4e8f-9a3b-2d4c6e8f0a1b", "1-1-1-1-1")),
                Arguments.of("an upper-case UUID", added("0b7e6f2a-5c1d-4e8f-9a3b-2d4c6e8f0a1b",
                        "0B7E6F2A-5C1D-4E8F-9A3B-2D4C6E8F0A1B")),
                Arguments.of("an unknown type", added("FUNDS_ADDED", "FUNDS_MOVED")),
                Arguments.of("a user id with a space", added("\"andrei\"", "\"and rei\"")),
                Arguments.of("a change with the opening's sequence", added("\"sequence\":2", "\"sequence\":1")),
                Arguments.of("amount as a string", added("\"amount\":10", "\"amount\":\"10\"")),
                Arguments.of("amount as a fraction", added("\"amount\":10", "\"amount\":10.0")),
                Arguments.of("amount in exponent form", added("\"amount\":10", "\"amount\":1e1")),
                Arguments.of("a change of zero", added("\"amount\":10", "\"amount\":0")),
                Arguments.of("a negative amount", added("\"amount\":10", "\"amount\":-10")),
                Arguments.of("an amount above the maximum", added("\"amount\":10", "\"amount\":1000000000001")),
                Arguments.of("an amount beyond long", added("\"amount\":10", "\"amount\":99999999999999999999")),
                Arguments.of("a blank reference", added("\"wonbet-1\"", "\"  \"")),
                Arguments.of("a reference with a lone surrogate", added("\"wonbet-1\"", "\"lone-\\ud800\"")),
                Arguments.of("a null reference", added("\"wonbet-1\"", "null")),
                Arguments.of("a change without reference", added(",\"reference\":\"wonbet-1\"", "")),
                Arguments.of("a local date", added("2026-11-26T12:30:45.123456Z", "26/11/2026")),
                Arguments.of("a time without zone", added("2026-11-26T12:30:45.123456Z", "2026-11-26T12:30:45")),
                Arguments.of("an extra field", added("}", ",\"extra\":true}")),
                Arguments.of("a duplicated field", added("\"amount\":10", "\"amount\":10,\"amount\":10")),
                Arguments.of("an opening with a reference",
                        opened("\"amount\":100", "\"amount\":100,\"reference\":\"x\"")),
                Arguments.of("an opening with sequence 2", opened("\"sequence\":1", "\"sequence\":2")));
    }

    @Test
    void a_payload_above_the_size_limit_is_refused_before_it_is_parsed() {
        byte[] huge = new byte[PulsarEventCodec.MAX_EVENT_BYTES + 1];

        assertThatThrownBy(() -> codec.decode(huge))
                .isInstanceOf(PulsarEventCodec.MalformedEventException.class)
                .hasMessageContaining("bytes");
    }

    private static String added(String part, String replacement) {
        return replaced(ADDED_JSON, part, replacement);
    }

    private static String opened(String part, String replacement) {
        return replaced(OPENED_JSON, part, replacement);
    }

    private static String replaced(String json, String part, String replacement) {
        if (!json.contains(part)) {
            throw new IllegalArgumentException(part + " is not in " + json);
        }
        return json.replace(part, replacement);
    }

    private static FundsChanged change(FundsOperation operation, long sequence, long cents, String reference) {
        return new FundsChanged(EVENT_ID, WalletId.of("andrei"), sequence, operation, Amount.positive(cents),
                Reference.of(reference), AT);
    }
}
