package com.acme.wallet.adapter.http;

import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.Metadata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads request bodies strictly. Money does not tolerate guesses: {@code "10"} and {@code 10.0} are
 * not amounts, a key given twice is an error, and nothing may follow the JSON object.
 */
final class RequestParser {

    private final ObjectMapper mapper;

    RequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A mapper that fails on duplicate keys and trailing tokens; used for requests and responses. */
    static ObjectMapper strictMapper() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** {@code {"amount": 100}}, the amount optional (an opening balance of zero); an empty body too. */
    Bodies.OpenWalletRequest openWallet(byte[] body) {
        if (isBlank(body)) {
            return new Bodies.OpenWalletRequest(0);
        }
        JsonNode json = object(body);
        JsonNode amount = json.get("amount");
        return new Bodies.OpenWalletRequest(amount == null ? 0 : integerCents(amount));
    }

    /** {@code {"amount": 10, "reference": "wonbet-1"}}, both required. */
    Bodies.ChangeFundsRequest changeFunds(byte[] body) {
        JsonNode json = object(body);
        long amount = requiredCents(json);
        return new Bodies.ChangeFundsRequest(amount, text(json, "reference"));
    }

    /**
     * {@code {"amount": 500, "reference": "tx-123", "roundId": "r-9", "closesRound": false,
     * "metadata": {"game": "x"}}}: amount, reference and roundId required; closesRound a JSON
     * boolean, false if left out; metadata an object of strings, none if left out.
     */
    Bodies.RoundLegRequest roundLeg(byte[] body) {
        JsonNode json = object(body);
        long amount = requiredCents(json);
        JsonNode closesRound = json.get("closesRound");
        if (closesRound != null && !closesRound.isBoolean()) {
            throw new InvalidInputException("closesRound must be true or false");
        }
        return new Bodies.RoundLegRequest(amount, text(json, "reference"), text(json, "roundId"),
                closesRound != null && closesRound.booleanValue(), metadata(json.get("metadata")));
    }

    /** {@code {"reference": "rb-77", "originalReference": "tx-123"}}, both required. */
    Bodies.RollbackRequest rollback(byte[] body) {
        JsonNode json = object(body);
        return new Bodies.RollbackRequest(text(json, "reference"), text(json, "originalReference"));
    }

    private static long requiredCents(JsonNode json) {
        JsonNode amount = json.get("amount");
        if (amount == null) {
            throw new InvalidInputException("amount is required");
        }
        return integerCents(amount);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(field + " is required");
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field + " must be a JSON string");
        }
        return value.textValue();
    }

    /** A flat object of strings, read in full before the domain checks its limits. */
    private static Map<String, String> metadata(JsonNode metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (!metadata.isObject()) {
            throw new InvalidInputException("metadata must be an object of strings");
        }
        if (metadata.size() > Metadata.MAX_KEYS) {
            throw new InvalidInputException("metadata must have at most " + Metadata.MAX_KEYS + " keys");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = metadata.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new InvalidInputException("metadata must be an object of strings");
            }
            entries.put(field.getKey(), field.getValue().textValue());
        }
        return entries;
    }

    private JsonNode object(byte[] body) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new InvalidInputException("body is not valid JSON");
        } catch (IOException unreadable) {
            throw new InvalidInputException("body could not be read as JSON");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("body must be a JSON object");
        }
        return json;
    }

    private static long integerCents(JsonNode amount) {
        if (!amount.isIntegralNumber()) {
            throw new InvalidInputException("amount must be a whole number of cents");
        }
        if (!amount.canConvertToLong()) {
            throw new InvalidInputException("amount is too large");
        }
        return amount.longValue();
    }

    private static boolean isBlank(byte[] body) {
        for (byte character : body) {
            if (character != ' ' && character != '\t' && character != '\r' && character != '\n') {
                return false;
            }
        }
        return true;
    }
}
