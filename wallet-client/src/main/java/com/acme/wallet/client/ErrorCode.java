package com.acme.wallet.client;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A refusal's stable error code, the {@code "code"} of the service's error body. The constants are
 * the codes the service documents; a code this client does not know yet is still carried as it
 * came, so a newer service never breaks an older client.
 *
 * @param value the code as the service sent it, such as {@code insufficient_funds}
 */
public record ErrorCode(String value) {

    public static final ErrorCode INVALID_REQUEST = new ErrorCode("invalid_request");
    public static final ErrorCode INVALID_CURSOR = new ErrorCode("invalid_cursor");
    public static final ErrorCode WALLET_NOT_FOUND = new ErrorCode("wallet_not_found");
    public static final ErrorCode TRANSACTION_NOT_FOUND = new ErrorCode("transaction_not_found");
    public static final ErrorCode SEQUENCE_NOT_FOUND = new ErrorCode("sequence_not_found");
    public static final ErrorCode BEFORE_OPENING = new ErrorCode("before_opening");
    public static final ErrorCode NOT_FOUND = new ErrorCode("not_found");
    public static final ErrorCode METHOD_NOT_ALLOWED = new ErrorCode("method_not_allowed");
    public static final ErrorCode REQUEST_TIMEOUT = new ErrorCode("request_timeout");
    public static final ErrorCode WALLET_EXISTS = new ErrorCode("wallet_exists");
    public static final ErrorCode WALLET_LIMIT_REACHED = new ErrorCode("wallet_limit_reached");
    public static final ErrorCode REFERENCE_CONFLICT = new ErrorCode("reference_conflict");
    public static final ErrorCode TRANSACTION_ROLLED_BACK = new ErrorCode("transaction_rolled_back");
    public static final ErrorCode ROUND_NOT_FOUND = new ErrorCode("round_not_found");
    public static final ErrorCode ROUND_CLOSED = new ErrorCode("round_closed");
    public static final ErrorCode ALREADY_ROLLED_BACK = new ErrorCode("already_rolled_back");
    public static final ErrorCode BET_ALREADY_SETTLED = new ErrorCode("bet_already_settled");
    public static final ErrorCode NOT_ROLLBACKABLE = new ErrorCode("not_rollbackable");
    public static final ErrorCode PAYLOAD_TOO_LARGE = new ErrorCode("payload_too_large");
    public static final ErrorCode UNSUPPORTED_MEDIA_TYPE = new ErrorCode("unsupported_media_type");
    public static final ErrorCode INSUFFICIENT_FUNDS = new ErrorCode("insufficient_funds");
    public static final ErrorCode BALANCE_LIMIT_EXCEEDED = new ErrorCode("balance_limit_exceeded");
    public static final ErrorCode ROUND_TOO_LARGE = new ErrorCode("round_too_large");
    /**
     * 401: the request had no token, or one the service does not know ({@code WWW-Authenticate}
     * says which). The service did nothing with it; the client does not send it again: fix the
     * token (or wait for its rotation) and call again, with the same reference.
     */
    public static final ErrorCode UNAUTHENTICATED = new ErrorCode("unauthenticated");
    /**
     * 403: the token is valid but lacks the scope the route needs ({@code WWW-Authenticate} names
     * it). The service did nothing with the request; the client does not send it again.
     */
    public static final ErrorCode FORBIDDEN = new ErrorCode("forbidden");
    /**
     * 429: the token's rate limit; the request changed nothing. The client sends it again after its
     * {@code Retry-After}, like a 503, so a caller meets this code only in an {@link Exchange} or in
     * the reason of an {@link Outcome.Unknown} or {@link Answer.Unavailable} once the budget ran out.
     */
    public static final ErrorCode RATE_LIMITED = new ErrorCode("rate_limited");
    /** What the client reports for a 4xx answer without a readable code (an empty 408, a proxy's page). */
    public static final ErrorCode NONE = new ErrorCode("");

    /**
     * The refusals the service records as the reference's final outcome, with the status it answers
     * them with: a retry is refused again in the same words, and the transaction lookup shows them.
     */
    private static final Map<ErrorCode, Integer> RECORDED = Map.of(INSUFFICIENT_FUNDS, 422, BALANCE_LIMIT_EXCEEDED, 422,
            ROUND_NOT_FOUND, 404, ROUND_CLOSED, 409, ALREADY_ROLLED_BACK, 409, BET_ALREADY_SETTLED, 409,
            NOT_ROLLBACKABLE, 409);

    public ErrorCode {
        Objects.requireNonNull(value, "value");
    }

    /**
     * {@return whether the service records this refusal as the reference's outcome for good (a
     *     refusal of money or of its round); any other refusal keeps nothing, and the same reference
     *     may be sent again once the cause is fixed}
     */
    public boolean recorded() {
        return RECORDED.containsKey(this);
    }

    /** {@return the status the service answers a recorded refusal with, empty for any other code} */
    OptionalInt recordedStatus() {
        Integer status = RECORDED.get(this);
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    @Override
    public String toString() {
        return value;
    }
}
