package com.acme.wallet.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The API's JSON bodies, written and read by hand on Jackson's tree: the client's types carry no
 * annotations, and an answer that breaks the API's contract fails loudly instead of becoming a
 * zero.
 */
final class WalletJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WalletJson() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write " + body, impossible);
        }
    }

    /** {@return the body read as JSON} @throws IllegalStateException when it is not JSON */
    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            throw new IllegalStateException("the service's answer is not JSON: " + Retrying.abbreviated(body), notJson);
        }
    }

    /** {@return a refusal from a 4xx answer; an answer without an error body keeps its status only} */
    static Refusal refusal(int status, String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return new Refusal(status, ErrorCode.NONE, Retrying.abbreviated(body), OptionalLong.empty());
        }
        if (json == null || !json.isObject()) {
            return new Refusal(status, ErrorCode.NONE, Retrying.abbreviated(body), OptionalLong.empty());
        }
        return new Refusal(status, new ErrorCode(json.path("code").asText("")), json.path("msg").asText(""),
                optionalLong(json, "balance"));
    }

    static Wallet wallet(JsonNode json) {
        return new Wallet(text(json, "userId"), number(json, "balance"));
    }

    static Receipt receipt(JsonNode json) {
        return new Receipt(text(json, "userId"), text(json, "reference"), number(json, "amount"),
                number(json, "balance"), number(json, "sequence"), optionalText(json, "roundId"),
                optionalText(json, "originalReference"), optionalText(json, "originalOutcome"));
    }

    /** {@return the receipt of a change the lookup found applied} */
    static Receipt receipt(String userId, Transaction found) {
        return new Receipt(userId, found.reference().orElseThrow(), found.amountCents().orElse(0),
                found.balanceAfterCents().orElseThrow(() -> new IllegalStateException("an applied lookup without balanceAfter")),
                found.sequence(), found.roundId(), found.originalReference(), found.originalOutcome());
    }

    static Transaction transaction(JsonNode json) {
        Map<String, String> metadata = new LinkedHashMap<>();
        json.path("metadata").fields().forEachRemaining(entry -> metadata.put(entry.getKey(), entry.getValue().asText()));
        return new Transaction(optionalText(json, "reference"), json.path("type").asText(""), text(json, "outcome"),
                optionalLong(json, "amount"), number(json, "sequence"), optionalLong(json, "balanceAfter"),
                optionalText(json, "occurredAt").map(WalletJson::instant), optionalText(json, "code").map(ErrorCode::new),
                optionalText(json, "roundId"), json.path("closesRound").asBoolean(false), metadata,
                optionalText(json, "originalReference"), optionalText(json, "originalOutcome"),
                optionalText(json, "rolledBackBy"));
    }

    static HistoryPage historyPage(JsonNode json) {
        List<Transaction> items = new ArrayList<>();
        json.path("items").forEach(item -> items.add(transaction(item)));
        return new HistoryPage(text(json, "userId"), items, optionalText(json, "nextCursor"),
                number(json, "storedThroughSequence"));
    }

    static Round round(JsonNode json) {
        List<Round.Leg> legs = new ArrayList<>();
        json.path("legs").forEach(leg -> legs.add(new Round.Leg(text(leg, "reference"), text(leg, "type"),
                number(leg, "amount"), number(leg, "sequence"), optionalText(leg, "rolledBackBy"))));
        return new Round(text(json, "userId"), text(json, "roundId"), text(json, "status"), number(json, "staked"),
                number(json, "won"), legs);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            throw new IllegalStateException("the service's answer has an unreadable instant: " + text, unreadable);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("the service's answer lacks the text field " + field + ": " + json);
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static long number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalStateException("the service's answer lacks the whole number " + field + ": " + json);
        }
        return value.asLong();
    }

    private static OptionalLong optionalLong(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalStateException("the service's answer has a field " + field + " that is no whole number: " + json);
        }
        return OptionalLong.of(value.asLong());
    }
}
