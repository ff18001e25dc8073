package com.acme.wallet.bench;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * Reads a funds change's request the way the service does, and shapes its reply.
 *
 * <p>A copy, not a call: the service's {@code RequestParser} and {@code Replies} are
 * package-private in {@code adapter.http}, and this module must not reach into that package. It
 * follows {@code RequestParser.strictMapper()} and {@code RequestParser.changeFunds} step by step
 * (a strict mapper, {@code readTree}, the same checks in the same order) and then builds the same
 * domain values as {@code JavalinWalletApi.changeFunds}, so a request the service refuses with 400
 * is refused here too. If the service's parsing changes, change this class with it.
 */
public final class ServiceJson {

    private final ObjectMapper mapper;

    /** A parser over {@link #strictMapper()}. */
    public ServiceJson() {
        this(strictMapper());
    }

    /**
     * A parser over a mapper.
     *
     * @param mapper the mapper to read bodies with
     */
    public ServiceJson(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The service's mapper: it fails on duplicate keys and on anything after the JSON object.
     *
     * @return a new mapper
     */
    public static ObjectMapper strictMapper() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** {@return the mapper, also the one replies are written with} */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Reads {@code {"amount": 10, "reference": "wonbet-1"}} for a wallet.
     *
     * @param userId the wallet's id from the path
     * @param operation add or remove, from the route
     * @param body the request's bytes
     * @return the validated request
     * @throws InvalidInputException if the id or the body is not one the service accepts
     */
    public ChangeRequest changeFunds(String userId, FundsOperation operation, byte[] body) {
        WalletId walletId = WalletId.of(userId);
        JsonNode json = object(body);
        JsonNode amount = json.get("amount");
        if (amount == null) {
            throw new InvalidInputException("amount is required");
        }
        JsonNode reference = json.get("reference");
        if (reference == null || reference.isNull()) {
            throw new InvalidInputException("reference is required");
        }
        if (!reference.isTextual()) {
            throw new InvalidInputException("reference must be a JSON string");
        }
        return new ChangeRequest(walletId, operation, Amount.positive(integerCents(amount)),
                Reference.of(reference.textValue()));
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
}
