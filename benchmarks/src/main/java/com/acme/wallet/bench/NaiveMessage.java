package com.acme.wallet.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * The message the naive server sends for each change:
 * {@code {"userId":"andrei","reference":"wonbet-1","amount":10,"type":"ADD"}}. The ceiling's own
 * message, not the service's event: the least a message per change can carry.
 *
 * @param userId the wallet, also the message's key
 * @param reference the client's reference
 * @param amount how much, in cents
 * @param type {@code ADD} or {@code REMOVE}
 */
public record NaiveMessage(String userId, String reference, long amount, String type) {

    /** Jackson's defaults; thread-safe once built. */
    private static final ObjectMapper WRITER = JsonMapper.builder().build();

    /**
     * The message for a change.
     *
     * @param request the change
     * @return its message
     */
    public static NaiveMessage of(ChangeRequest request) {
        return new NaiveMessage(request.command().walletId().value(), request.command().reference().value(),
                request.command().amount().cents(), request.operation().name());
    }

    /** {@return the message's UTF-8 JSON bytes} */
    public byte[] toJson() {
        try {
            return WRITER.writeValueAsBytes(this);
        } catch (JsonProcessingException impossibleForThisRecord) {
            throw new UncheckedIOException(impossibleForThisRecord);
        }
    }
}
