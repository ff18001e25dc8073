package com.acme.wallet.bench;

/**
 * The ceilings' own bodies: their health and their refusals. An accepted change is answered by the
 * service's own code ({@code WalletApiJson.answerChange}).
 */
final class CeilingReplies {

    /** {@code {"status":"UP"}}: the ceiling is listening. */
    record Health(String status) {}

    /** {@code {"error":"unavailable"}}: a failure with no more to say than its code. */
    record Failure(String error) {}

    /** {@code {"error":"invalid_request","msg":"amount is required"}}: the request was refused, and why. */
    record Invalid(String error, String msg) {}

    static final Health UP = new Health("UP");
    static final Failure UNAVAILABLE = new Failure("unavailable");
    static final Failure INTERNAL_ERROR = new Failure("internal_error");

    private CeilingReplies() {}

    static Invalid invalid(String reason) {
        return new Invalid("invalid_request", reason);
    }
}
