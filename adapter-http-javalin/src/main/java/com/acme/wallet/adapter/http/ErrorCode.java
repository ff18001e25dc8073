package com.acme.wallet.adapter.http;

import com.acme.wallet.domain.RefusalCode;

/** The stable error codes clients may branch on; the {@code msg} beside them is for people. */
enum ErrorCode {
    INVALID_REQUEST("invalid_request", 400),
    INVALID_CURSOR("invalid_cursor", 400),
    UNAUTHENTICATED("unauthenticated", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not_found", 404),
    WALLET_NOT_FOUND("wallet_not_found", 404),
    TRANSACTION_NOT_FOUND("transaction_not_found", 404),
    ROUND_NOT_FOUND("round_not_found", 404),
    SEQUENCE_NOT_FOUND("sequence_not_found", 404),
    BEFORE_OPENING("before_opening", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    REQUEST_TIMEOUT("request_timeout", 408),
    WALLET_EXISTS("wallet_exists", 409),
    WALLET_LIMIT_REACHED("wallet_limit_reached", 409),
    REFERENCE_CONFLICT("reference_conflict", 409),
    ROUND_CLOSED("round_closed", 409),
    TRANSACTION_ROLLED_BACK("transaction_rolled_back", 409),
    ALREADY_ROLLED_BACK("already_rolled_back", 409),
    BET_ALREADY_SETTLED("bet_already_settled", 409),
    NOT_ROLLBACKABLE("not_rollbackable", 409),
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    INSUFFICIENT_FUNDS("insufficient_funds", 422),
    BALANCE_LIMIT_EXCEEDED("balance_limit_exceeded", 422),
    ROUND_TOO_LARGE("round_too_large", 422),
    RATE_LIMITED("rate_limited", 429),
    INTERNAL_ERROR("internal_error", 500),
    UNAVAILABLE("unavailable", 503);

    private final String wire;
    private final int status;

    ErrorCode(String wire, int status) {
        this.wire = wire;
        this.status = status;
    }

    String wire() {
        return wire;
    }

    int status() {
        return status;
    }

    /** {@return the code a client sees for a refusal the wallet recorded} */
    static ErrorCode of(RefusalCode refusal) {
        return switch (refusal) {
            case INSUFFICIENT_FUNDS -> INSUFFICIENT_FUNDS;
            case BALANCE_LIMIT_EXCEEDED -> BALANCE_LIMIT_EXCEEDED;
            case ROUND_NOT_FOUND -> ROUND_NOT_FOUND;
            case ROUND_CLOSED -> ROUND_CLOSED;
            case ALREADY_ROLLED_BACK -> ALREADY_ROLLED_BACK;
            case BET_ALREADY_SETTLED -> BET_ALREADY_SETTLED;
            case NOT_ROLLBACKABLE -> NOT_ROLLBACKABLE;
        };
    }

    /**
     * The code for a status the framework or Jetty raised itself, outside the routes: one mapping
     * for both, so a refusal reads the same whichever layer made it.
     */
    static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 408 -> REQUEST_TIMEOUT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }
}
