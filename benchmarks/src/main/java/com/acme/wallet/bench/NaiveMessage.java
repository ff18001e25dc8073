package com.acme.wallet.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * The message the naive server sends for each change:
 * {@code {"userId":"andrei","reference":"wonbet-1","amount":10,"type":"ADD"}}.
 *
 * @param userId the wallet, also the message's key
 * @param reference the client's reference
 * @param amount how much, in cents
 * @param type {@code ADD} or {@code REMOVE}
 */
public record NaiveMessage(String userId, String reference, long amount, String type) {

    /**
     * The message for a change.
     *
     * @param request the change
     * @return its message
     */
    public static NaiveMessage of(ChangeRequest request) {
        return new NaiveMessage(request.walletId().value(), request.reference().value(), request.amount().cents(),
                request.operation().name());
    }

    /**
     * The message's JSON bytes.
     *
     * @param mapper the mapper to write with
     * @return UTF-8 JSON
     */
    public byte[] toJson(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsBytes(this);
        } catch (JsonProcessingException impossibleForThisRecord) {
            throw new UncheckedIOException(impossibleForThisRecord);
        }
    }
}
