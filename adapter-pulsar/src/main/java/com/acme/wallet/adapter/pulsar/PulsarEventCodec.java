package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BetPlaced;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.FundsRequest;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RollbackEffect;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.TransactionType;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import com.acme.wallet.domain.WalletRequest;
import com.acme.wallet.domain.WinPaid;
import com.acme.wallet.domain.WinRequest;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns wallet events into the JSON bytes stored in Pulsar and back.
 *
 * <p>One event is one UTF-8 JSON object. Every event has, in this order: {@code schemaVersion},
 * {@code eventId}, {@code type}, {@code userId}, {@code sequence}, {@code amount} (integer cents:
 * what the event moved, or the opening balance), {@code reference} (left out for an opening), then
 * the fields of its type below, and last {@code occurredAt} (ISO-8601, UTC). Each type is written
 * with exactly one schema version and read only with it: 1 for the opening and the funds changes,
 * whose bytes are unchanged since the first release, 2 for the betting events.
 *
 * <ul>
 *   <li>{@code WALLET_OPENED} (version 1, no reference), {@code FUNDS_ADDED} and
 *       {@code FUNDS_REMOVED} (version 1) have no fields of their own.
 *   <li>{@code BET_PLACED} ({@code amount} the stake) and {@code WIN_PAID} ({@code amount} the
 *       payout, which may be zero), version 2, add {@code roundId}, {@code closesRound} (a JSON
 *       boolean) and {@code metadata} (a JSON object of strings, possibly empty, keys in the
 *       domain's sorted order).
 *   <li>{@code ROLLED_BACK} (version 2) adds {@code originalReference} and {@code effect}:
 *       {@code REFUND_BET} or {@code RECLAIM_WIN} with the {@code roundId} of the leg undone and
 *       {@code amount} what went back, or {@code NOTHING} with {@code originalOutcome}
 *       ({@code UNKNOWN}: a tombstone; {@code REJECTED}) and {@code amount} 0.
 *   <li>{@code REQUEST_REFUSED} (version 2) has {@code amount} 0 and adds {@code code} (the
 *       {@link RefusalCode}'s name), {@code balance} (cents, what the refusal showed) and the refused
 *       {@code request}: an object with {@code type} ({@code ADD}, {@code REMOVE}, {@code BET},
 *       {@code WIN} or {@code ROLLBACK}, the {@link TransactionType}'s name) and the fields of that
 *       request, under the names above: {@code amount} for {@code ADD} and {@code REMOVE};
 *       {@code amount}, {@code roundId}, {@code closesRound} and {@code metadata} for {@code BET}
 *       and {@code WIN}; {@code originalReference} for {@code ROLLBACK}. Its reference is the
 *       event's.
 * </ul>
 *
 * <p>The names of the constants of {@link RefusalCode}, {@link TransactionType} and
 * {@link RollbackEffect.OriginalOutcome} are part of the format: renaming one makes older events
 * unreadable, and {@code PulsarEventCodecBettingTest} pins every one of them.
 *
 * <p>A barrier ({@link com.acme.wallet.application.port.out.AppendWalletEventsPort#appendBarrier}) is a
 * message of its own kind: {@code schemaVersion} (1), {@code type} ({@code BARRIER}), {@code barrierId}
 * and {@code occurredAt}. It belongs to no wallet and carries no money; readers skip it.
 *
 * <p>Decoding is strict on purpose: the log is the source of truth for money, so a message that is
 * not exactly an event this version wrote (an unknown schema version or type, a type under another
 * version than its own, a missing, extra or duplicated field, a number in quotes, a fraction of a
 * cent, {@code "true"} for a boolean, a non-canonical UUID, an {@code amount} other than what the
 * event moves, a value the domain refuses) is refused rather than guessed at. Only the order of
 * the fields is not checked. Callers turn the refusal into an
 * {@link com.acme.wallet.application.port.out.UnreadableEventException} that names the message's
 * position. Thread-safe.
 *
 * <p>Public, with only its constructor and {@link #encode} public, so that the benchmarks module
 * measures the encoding the log writes rather than a copy of it; decoding and barriers stay inside
 * the adapter.
 */
public final class PulsarEventCodec {

    /** The schema version of the opening, the funds changes and the barrier. */
    static final int FIRST_SCHEMA_VERSION = 1;

    /** The schema version of the betting events: bets, wins, rollbacks and recorded refusals. */
    static final int BETTING_SCHEMA_VERSION = 2;

    /**
     * Three times the largest event, which takes 5,394 bytes: a refused bet whose metadata is at
     * its 2 KiB limit in double quotes (JSON escapes each in two bytes, the most any character the
     * domain allows grows by), with a 128-character reference and round id of three-byte
     * characters and every number at its longest ({@code PulsarEventCodecBettingTest} builds and
     * measures it). Bounds what a poison message can make us parse.
     */
    static final int MAX_EVENT_BYTES = 16 * 1024;

    private static final String BARRIER = "BARRIER";
    private static final String REFUND_BET = "REFUND_BET";
    private static final String RECLAIM_WIN = "RECLAIM_WIN";
    private static final String NOTHING = "NOTHING";
    private static final Set<String> BARRIER_FIELDS = Set.of("schemaVersion", "type", "barrierId", "occurredAt");
    private static final List<String> COMMON_FIELDS =
            List.of("schemaVersion", "eventId", "type", "userId", "sequence", "amount", "reference", "occurredAt");
    private static final Set<String> OPENING_FIELDS =
            Set.of("schemaVersion", "eventId", "type", "userId", "sequence", "amount", "occurredAt");
    private static final Set<String> CHANGE_FIELDS = Set.copyOf(COMMON_FIELDS);
    private static final Set<String> LEG_FIELDS = commonFieldsAnd("roundId", "closesRound", "metadata");
    private static final Set<String> ROUND_ROLLBACK_FIELDS = commonFieldsAnd("originalReference", "effect", "roundId");
    private static final Set<String> EMPTY_ROLLBACK_FIELDS =
            commonFieldsAnd("originalReference", "effect", "originalOutcome");
    private static final Set<String> REFUSAL_FIELDS = commonFieldsAnd("code", "balance", "request");
    private static final Set<String> FUNDS_REQUEST_FIELDS = Set.of("type", "amount");
    private static final Set<String> LEG_REQUEST_FIELDS =
            Set.of("type", "amount", "roundId", "closesRound", "metadata");
    private static final Set<String> ROLLBACK_REQUEST_FIELDS = Set.of("type", "originalReference");

    /** The event types as the log names them; the names are the format, never rename one. */
    private enum EventType {
        WALLET_OPENED(FIRST_SCHEMA_VERSION),
        FUNDS_ADDED(FIRST_SCHEMA_VERSION),
        FUNDS_REMOVED(FIRST_SCHEMA_VERSION),
        BET_PLACED(BETTING_SCHEMA_VERSION),
        WIN_PAID(BETTING_SCHEMA_VERSION),
        ROLLED_BACK(BETTING_SCHEMA_VERSION),
        REQUEST_REFUSED(BETTING_SCHEMA_VERSION);

        /** The one schema version this type is written and read with. */
        final int schemaVersion;

        EventType(int schemaVersion) {
            this.schemaVersion = schemaVersion;
        }

        static EventType of(WalletEvent event) {
            if (event instanceof WalletOpened) {
                return WALLET_OPENED;
            } else if (event instanceof FundsChanged change) {
                return change.operation() == FundsOperation.ADD ? FUNDS_ADDED : FUNDS_REMOVED;
            } else if (event instanceof BetPlaced) {
                return BET_PLACED;
            } else if (event instanceof WinPaid) {
                return WIN_PAID;
            } else if (event instanceof RolledBack) {
                return ROLLED_BACK;
            } else if (event instanceof RequestRefused) {
                return REQUEST_REFUSED;
            }
            throw new IllegalStateException("no type on the log for " + event.getClass().getName());
        }
    }

    private final JsonFactory factory;
    private final ObjectMapper reader;

    /** Creates a codec; one serves any number of threads. */
    public PulsarEventCodec() {
        // Duplicate detection holds at every depth: in a refused request and in metadata too.
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
        EventType type = EventType.of(event);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = factory.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField("schemaVersion", type.schemaVersion);
            json.writeStringField("eventId", event.eventId().toString());
            json.writeStringField("type", type.name());
            json.writeStringField("userId", event.walletId().value());
            json.writeNumberField("sequence", event.sequence());
            json.writeNumberField("amount", event.amount().cents());
            if (event instanceof ReferencedEvent referenced) {
                json.writeStringField("reference", referenced.reference().value());
                writeOwnFields(json, referenced);
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
            json.writeNumberField("schemaVersion", FIRST_SCHEMA_VERSION);
            json.writeStringField("type", BARRIER);
            json.writeStringField("barrierId", barrierId.toString());
            json.writeStringField("occurredAt", occurredAt.toString());
            json.writeEndObject();
        } catch (IOException impossibleInMemory) {
            throw new UncheckedIOException(impossibleInMemory);
        }
        return bytes.toByteArray();
    }

    /** Writes what a type adds to the common fields; a funds change adds nothing. */
    private static void writeOwnFields(JsonGenerator json, ReferencedEvent event) throws IOException {
        if (event instanceof BetPlaced bet) {
            writeLeg(json, bet.request().roundId(), bet.request().closesRound(), bet.request().metadata());
        } else if (event instanceof WinPaid win) {
            writeLeg(json, win.request().roundId(), win.request().closesRound(), win.request().metadata());
        } else if (event instanceof RolledBack rollback) {
            json.writeStringField("originalReference", rollback.originalReference().value());
            writeEffect(json, rollback.effect());
        } else if (event instanceof RequestRefused refusal) {
            json.writeStringField("code", refusal.code().name());
            json.writeNumberField("balance", refusal.balanceCents());
            writeRequest(json, refusal.request());
        }
    }

    private static void writeLeg(JsonGenerator json, RoundId roundId, boolean closesRound, Metadata metadata)
            throws IOException {
        json.writeStringField("roundId", roundId.value());
        json.writeBooleanField("closesRound", closesRound);
        json.writeObjectFieldStart("metadata");
        // Metadata keeps its keys sorted, so the same event gives the same bytes.
        for (Map.Entry<String, String> entry : metadata.entries().entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    private static void writeEffect(JsonGenerator json, RollbackEffect effect) throws IOException {
        if (effect instanceof RollbackEffect.RefundBet refund) {
            json.writeStringField("effect", REFUND_BET);
            json.writeStringField("roundId", refund.roundId().value());
        } else if (effect instanceof RollbackEffect.ReclaimWin reclaim) {
            json.writeStringField("effect", RECLAIM_WIN);
            json.writeStringField("roundId", reclaim.roundId().value());
        } else {
            json.writeStringField("effect", NOTHING);
            json.writeStringField("originalOutcome",
                    ((RollbackEffect.NothingToRollBack) effect).originalOutcome().name());
        }
    }

    /** Writes a refused request; its reference is the event's, written once. */
    private static void writeRequest(JsonGenerator json, WalletRequest request) throws IOException {
        json.writeObjectFieldStart("request");
        json.writeStringField("type", request.type().name());
        if (request instanceof FundsRequest funds) {
            json.writeNumberField("amount", funds.amount().cents());
        } else if (request instanceof BetRequest bet) {
            json.writeNumberField("amount", bet.amount().cents());
            writeLeg(json, bet.roundId(), bet.closesRound(), bet.metadata());
        } else if (request instanceof WinRequest win) {
            json.writeNumberField("amount", win.amount().cents());
            writeLeg(json, win.roundId(), win.closesRound(), win.metadata());
        } else {
            json.writeStringField("originalReference", ((RollbackRequest) request).originalReference().value());
        }
        json.writeEndObject();
    }

    /**
     * Decodes an entry of the log: an event, or a barrier.
     *
     * @param payload the message's bytes
     * @return the event, or empty for a barrier
     * @throws MalformedEventException if the bytes are neither exactly an event nor a barrier of
     *     the schema version of its type
     */
    Optional<WalletEvent> decodeEntry(byte[] payload) throws MalformedEventException {
        JsonNode root = parseVersioned(payload);
        if (BARRIER.equals(textField(root, "type"))) {
            requireVersion(root, BARRIER, FIRST_SCHEMA_VERSION);
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
     * @throws MalformedEventException if the bytes are not exactly an event of the schema version
     *     of its type
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
        if (version != FIRST_SCHEMA_VERSION && version != BETTING_SCHEMA_VERSION) {
            throw new MalformedEventException("unknown schema version " + version);
        }
        return root;
    }

    private WalletEvent decodeEvent(JsonNode root) throws MalformedEventException {
        EventType type = typeField(root);
        requireVersion(root, type.name(), type.schemaVersion);
        WalletEvent event;
        try {
            event = toEvent(root, type);
        } catch (IllegalArgumentException | NullPointerException invalid) {
            // The domain's own validation (InvalidInputException is an IllegalArgumentException).
            throw new MalformedEventException("not a valid event: " + invalid.getMessage(), invalid);
        }
        // A refusal and an empty rollback move nothing whatever the JSON says: a different amount
        // is not the event this code wrote, and would not encode to the same bytes again.
        long amountCents = longField(root, "amount");
        if (event.amount().cents() != amountCents) {
            throw new MalformedEventException("amount " + amountCents + " of a " + type + " that moved "
                    + event.amount().cents() + " cents");
        }
        return event;
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

    private WalletEvent toEvent(JsonNode root, EventType type) throws MalformedEventException {
        requireExactFields(root, fieldsOf(root, type));
        UUID eventId = uuidField(root, "eventId");
        WalletId walletId = WalletId.of(textField(root, "userId"));
        long sequence = longField(root, "sequence");
        Instant occurredAt = instantField(root, "occurredAt");
        return switch (type) {
            case WALLET_OPENED -> new WalletOpened(eventId, walletId, sequence, amountField(root), occurredAt);
            case FUNDS_ADDED -> new FundsChanged(eventId, walletId, sequence, FundsOperation.ADD,
                    amountField(root), referenceField(root, "reference"), occurredAt);
            case FUNDS_REMOVED -> new FundsChanged(eventId, walletId, sequence, FundsOperation.REMOVE,
                    amountField(root), referenceField(root, "reference"), occurredAt);
            case BET_PLACED -> new BetPlaced(eventId, walletId, sequence,
                    betRequest(referenceField(root, "reference"), root), occurredAt);
            case WIN_PAID -> new WinPaid(eventId, walletId, sequence,
                    winRequest(referenceField(root, "reference"), root), occurredAt);
            case ROLLED_BACK -> new RolledBack(eventId, walletId, sequence, new RollbackRequest(
                    referenceField(root, "reference"), referenceField(root, "originalReference")),
                    effectField(root), occurredAt);
            case REQUEST_REFUSED -> new RequestRefused(eventId, walletId, sequence, refusedRequest(root),
                    enumField(root, "code", RefusalCode.class), longField(root, "balance"), occurredAt);
        };
    }

    private static Set<String> fieldsOf(JsonNode root, EventType type) throws MalformedEventException {
        return switch (type) {
            case WALLET_OPENED -> OPENING_FIELDS;
            case FUNDS_ADDED, FUNDS_REMOVED -> CHANGE_FIELDS;
            case BET_PLACED, WIN_PAID -> LEG_FIELDS;
            case ROLLED_BACK ->
                    NOTHING.equals(textField(root, "effect")) ? EMPTY_ROLLBACK_FIELDS : ROUND_ROLLBACK_FIELDS;
            case REQUEST_REFUSED -> REFUSAL_FIELDS;
        };
    }

    /** A bet from the fields of a {@code BET_PLACED} event or of a refused {@code BET}. */
    private static BetRequest betRequest(Reference reference, JsonNode node) throws MalformedEventException {
        return new BetRequest(reference, roundIdField(node), amountField(node), booleanField(node, "closesRound"),
                metadataField(node));
    }

    /** A win from the fields of a {@code WIN_PAID} event or of a refused {@code WIN}. */
    private static WinRequest winRequest(Reference reference, JsonNode node) throws MalformedEventException {
        return new WinRequest(reference, roundIdField(node), amountField(node), booleanField(node, "closesRound"),
                metadataField(node));
    }

    private static RollbackEffect effectField(JsonNode root) throws MalformedEventException {
        String effect = textField(root, "effect");
        return switch (effect) {
            case REFUND_BET -> new RollbackEffect.RefundBet(roundIdField(root), amountField(root));
            case RECLAIM_WIN -> new RollbackEffect.ReclaimWin(roundIdField(root), amountField(root));
            case NOTHING -> new RollbackEffect.NothingToRollBack(
                    enumField(root, "originalOutcome", RollbackEffect.OriginalOutcome.class));
            default -> throw new MalformedEventException("unknown rollback effect " + effect);
        };
    }

    private static WalletRequest refusedRequest(JsonNode root) throws MalformedEventException {
        Reference reference = referenceField(root, "reference");
        JsonNode request = field(root, "request");
        if (!request.isObject()) {
            throw new MalformedEventException("field request is not an object");
        }
        TransactionType type = enumField(request, "type", TransactionType.class);
        return switch (type) {
            case ADD, REMOVE -> {
                requireExactFields(request, FUNDS_REQUEST_FIELDS);
                FundsOperation operation = type == TransactionType.ADD ? FundsOperation.ADD : FundsOperation.REMOVE;
                yield new FundsRequest(operation, amountField(request), reference);
            }
            case BET -> {
                requireExactFields(request, LEG_REQUEST_FIELDS);
                yield betRequest(reference, request);
            }
            case WIN -> {
                requireExactFields(request, LEG_REQUEST_FIELDS);
                yield winRequest(reference, request);
            }
            case ROLLBACK -> {
                requireExactFields(request, ROLLBACK_REQUEST_FIELDS);
                yield new RollbackRequest(reference, referenceField(request, "originalReference"));
            }
        };
    }

    private static EventType typeField(JsonNode root) throws MalformedEventException {
        String type = textField(root, "type");
        for (EventType known : EventType.values()) {
            if (known.name().equals(type)) {
                return known;
            }
        }
        throw new MalformedEventException("unknown event type " + type);
    }

    /** Each type has exactly one schema version: a type under another one is not an event we wrote. */
    private static void requireVersion(JsonNode root, String type, int version) throws MalformedEventException {
        int written = intField(root, "schemaVersion");
        if (written != version) {
            throw new MalformedEventException(
                    "type " + type + " has schema version " + version + ", not " + written);
        }
    }

    private static Set<String> commonFieldsAnd(String... ownFields) {
        Set<String> fields = new HashSet<>(COMMON_FIELDS);
        fields.addAll(List.of(ownFields));
        return Set.copyOf(fields);
    }

    private static void requireExactFields(JsonNode node, Set<String> expected) throws MalformedEventException {
        int count = 0;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); count++) {
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

    private static Reference referenceField(JsonNode root, String name) throws MalformedEventException {
        return Reference.of(textField(root, name));
    }

    private static RoundId roundIdField(JsonNode root) throws MalformedEventException {
        return RoundId.of(textField(root, "roundId"));
    }

    private static Amount amountField(JsonNode root) throws MalformedEventException {
        return Amount.ofCents(longField(root, "amount"));
    }

    private static boolean booleanField(JsonNode root, String name) throws MalformedEventException {
        JsonNode value = field(root, name);
        // JSON true and false only: "true", 1 and 0 are refused, never coerced.
        if (!value.isBoolean()) {
            throw new MalformedEventException("field " + name + " is not a boolean");
        }
        return value.booleanValue();
    }

    private static Metadata metadataField(JsonNode root) throws MalformedEventException {
        JsonNode value = field(root, "metadata");
        if (!value.isObject()) {
            throw new MalformedEventException("field metadata is not an object");
        }
        Map<String, String> entries = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new MalformedEventException("metadata " + entry.getKey() + " is not a string");
            }
            entries.put(entry.getKey(), entry.getValue().textValue());
        }
        // The domain checks the limits: keys, lengths, bytes in all, control characters.
        return Metadata.of(entries);
    }

    private static <E extends Enum<E>> E enumField(JsonNode root, String name, Class<E> type)
            throws MalformedEventException {
        String text = textField(root, name);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new MalformedEventException("field " + name + " is " + text + ", not one of "
                + Arrays.toString(type.getEnumConstants()));
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
