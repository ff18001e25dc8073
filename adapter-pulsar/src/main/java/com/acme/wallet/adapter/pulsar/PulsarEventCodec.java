package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns wallet events into the JSON bytes stored in Pulsar and back.
 *
 * <p>One event is one UTF-8 JSON object with, in this order: {@code schemaVersion} (1),
 * {@code eventId}, {@code type} ({@code WALLET_OPENED}, {@code FUNDS_ADDED} or
 * {@code FUNDS_REMOVED}), {@code userId}, {@code sequence}, {@code amount} (integer cents),
 * {@code reference} (left out for an opening) and {@code occurredAt} (ISO-8601, UTC).
 *
 * <p>A barrier ({@link com.acme.wallet.application.port.out.AppendWalletEventsPort#appendBarrier}) is a
 * message of its own kind: {@code schemaVersion}, {@code type} ({@code BARRIER}), {@code barrierId}
 * and {@code occurredAt}. It belongs to no wallet and carries no money; readers skip it.
 *
 * <p>Decoding is strict on purpose: the log is the source of truth for money, so a message that is
 * not exactly an event this version wrote (an unknown schema version, a missing, extra or
 * duplicated field, a number in quotes, a fraction of a cent) is refused rather than guessed at.
 * Callers turn the refusal into an {@link com.acme.wallet.application.port.out.UnreadableEventException} that
 * names the message's position. Thread-safe.
 *
 * <p>Public, with only its constructor and {@link #encode} public, so that the benchmarks module
 * measures the encoding the log writes rather than a copy of it; decoding and barriers stay inside
 * the adapter.
 */
public final class PulsarEventCodec {

    /** The only schema version this code writes and reads. */
    static final int SCHEMA_VERSION = 1;

    /** Far above any event (about 300 bytes); bounds what a poison message can make us parse. */
    static final int MAX_EVENT_BYTES = 16 * 1024;

    private static final String WALLET_OPENED = "WALLET_OPENED";
    private static final String FUNDS_ADDED = "FUNDS_ADDED";
    private static final String FUNDS_REMOVED = "FUNDS_REMOVED";
    private static final String BARRIER = "BARRIER";
    private static final Set<String> BARRIER_FIELDS = Set.of("schemaVersion", "type", "barrierId", "occurredAt");
    private static final Set<String> OPENING_FIELDS =
            Set.of("schemaVersion", "eventId", "type", "userId", "sequence", "amount", "occurredAt");
    private static final Set<String> CHANGE_FIELDS =
            Set.of("schemaVersion", "eventId", "type", "userId", "sequence", "amount", "reference", "occurredAt");

    private final JsonFactory factory;
    private final ObjectMapper reader;

    /** Creates a codec; one serves any number of threads. */
    public PulsarEventCodec() {
        this.factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.reader = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    /**
     * Encodes an event.
     *
     * @param event the event
     * @return its JSON bytes, the same bytes for the same event every time
     */
    public byte[] encode(WalletEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = factory.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            json.writeStringField("eventId", event.eventId().toString());
            json.writeStringField("type", typeOf(event));
            json.writeStringField("userId", event.walletId().value());
            json.writeNumberField("sequence", event.sequence());
            json.writeNumberField("amount", event.amount().cents());
            if (event instanceof FundsChanged change) {
                json.writeStringField("reference", change.reference().value());
            }
            json.writeStringField("occurredAt", event.occurredAt().toString());
            json.writeEndObject();
        } catch (IOException impossibleInMemory) {
            throw new UncheckedIOException(impossibleInMemory);
        }
        return bytes.toByteArray();
    }

    /**
     * Encodes a barrier.
     *
     * @param barrierId the barrier's unique id
     * @param occurredAt when it was appended
     * @return its JSON bytes
     */
    byte[] encodeBarrier(UUID barrierId, Instant occurredAt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator json = factory.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            json.writeStringField("type", BARRIER);
            json.writeStringField("barrierId", barrierId.toString());
            json.writeStringField("occurredAt", occurredAt.toString());
            json.writeEndObject();
        } catch (IOException impossibleInMemory) {
            throw new UncheckedIOException(impossibleInMemory);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes an entry of the log: an event, or a barrier.
     *
     * @param payload the message's bytes
     * @return the event, or empty for a barrier
     * @throws MalformedEventException if the bytes are neither exactly an event nor a barrier of
     *     schema version 1
     */
    Optional<WalletEvent> decodeEntry(byte[] payload) throws MalformedEventException {
        JsonNode root = parseVersioned(payload);
        if (BARRIER.equals(textField(root, "type"))) {
            requireExactFields(root, BARRIER_FIELDS);
            uuidField(root, "barrierId");
            instantField(root, "occurredAt");
            return Optional.empty();
        }
        return Optional.of(decodeEvent(root));
    }

    /**
     * Decodes an event.
     *
     * @param payload the message's bytes
     * @return the event
     * @throws MalformedEventException if the bytes are not exactly an event of schema version 1
     */
    WalletEvent decode(byte[] payload) throws MalformedEventException {
        return decodeEvent(parseVersioned(payload));
    }

    private JsonNode parseVersioned(byte[] payload) throws MalformedEventException {
        if (payload == null || payload.length == 0 || payload.length > MAX_EVENT_BYTES) {
            throw new MalformedEventException("payload of " + (payload == null ? 0 : payload.length)
                    + " bytes; an event has 1 to " + MAX_EVENT_BYTES);
        }
        JsonNode root = parse(payload);
        int version = intField(root, "schemaVersion");
        if (version != SCHEMA_VERSION) {
            throw new MalformedEventException("unknown schema version " + version);
        }
        return root;
    }

    private WalletEvent decodeEvent(JsonNode root) throws MalformedEventException {
        String type = textField(root, "type");
        requireExactFields(root, WALLET_OPENED.equals(type) ? OPENING_FIELDS : CHANGE_FIELDS);
        try {
            return toEvent(root, type);
        } catch (IllegalArgumentException | NullPointerException invalid) {
            // The domain's own validation (InvalidInputException is an IllegalArgumentException).
            throw new MalformedEventException("not a valid event: " + invalid.getMessage(), invalid);
        }
    }

    private JsonNode parse(byte[] payload) throws MalformedEventException {
        JsonNode root;
        try {
            root = reader.readTree(payload);
        } catch (IOException notJson) {
            throw new MalformedEventException("not JSON: " + notJson.getMessage(), notJson);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        return root;
    }

    private WalletEvent toEvent(JsonNode root, String type) throws MalformedEventException {
        UUID eventId = uuidField(root, "eventId");
        WalletId walletId = WalletId.of(textField(root, "userId"));
        long sequence = longField(root, "sequence");
        Amount amount = Amount.ofCents(longField(root, "amount"));
        Instant occurredAt = instantField(root, "occurredAt");
        return switch (type) {
            case WALLET_OPENED -> new WalletOpened(eventId, walletId, sequence, amount, occurredAt);
            case FUNDS_ADDED, FUNDS_REMOVED -> new FundsChanged(eventId, walletId, sequence,
                    FUNDS_ADDED.equals(type) ? FundsOperation.ADD : FundsOperation.REMOVE, amount,
                    Reference.of(textField(root, "reference")), occurredAt);
            default -> throw new MalformedEventException("unknown event type " + type);
        };
    }

    private static String typeOf(WalletEvent event) {
        if (event instanceof WalletOpened) {
            return WALLET_OPENED;
        }
        return ((FundsChanged) event).operation() == FundsOperation.ADD ? FUNDS_ADDED : FUNDS_REMOVED;
    }

    private static void requireExactFields(JsonNode root, Set<String> expected) throws MalformedEventException {
        int count = 0;
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); count++) {
            String name = names.next();
            if (!expected.contains(name)) {
                throw new MalformedEventException("unexpected field " + name);
            }
        }
        if (count != expected.size()) {
            throw new MalformedEventException("fields missing: expected " + expected);
        }
    }

    private static JsonNode field(JsonNode root, String name) throws MalformedEventException {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedEventException("field " + name + " is missing");
        }
        return value;
    }

    private static String textField(JsonNode root, String name) throws MalformedEventException {
        JsonNode value = field(root, name);
        if (!value.isTextual()) {
            throw new MalformedEventException("field " + name + " is not a string");
        }
        return value.textValue();
    }

    private static long longField(JsonNode root, String name) throws MalformedEventException {
        JsonNode value = field(root, name);
        // Integral JSON numbers only: "10", 10.0 and 1e3 are refused, never coerced.
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedEventException("field " + name + " is not a whole number of the long range");
        }
        return value.longValue();
    }

    private static int intField(JsonNode root, String name) throws MalformedEventException {
        long value = longField(root, name);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new MalformedEventException("field " + name + " is out of range");
        }
        return (int) value;
    }

    private static UUID uuidField(JsonNode root, String name) throws MalformedEventException {
        String text = textField(root, name);
        try {
            UUID id = UUID.fromString(text);
            // UUID.fromString accepts short forms such as "1-1-1-1-1"; only the canonical form is an event id.
            if (id.toString().equals(text)) {
                return id;
            }
        } catch (IllegalArgumentException notUuid) {
            throw new MalformedEventException("field " + name + " is not a UUID", notUuid);
        }
        throw new MalformedEventException("field " + name + " is not a canonical lower-case UUID");
    }

    private static Instant instantField(JsonNode root, String name) throws MalformedEventException {
        String text = textField(root, name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            throw new MalformedEventException("field " + name + " is not an ISO-8601 instant", notInstant);
        }
    }

    /** The bytes are not a wallet event this code can read. */
    static final class MalformedEventException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedEventException(String reason) {
            super(reason);
        }

        MalformedEventException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
