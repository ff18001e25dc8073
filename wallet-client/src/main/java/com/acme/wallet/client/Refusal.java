package com.acme.wallet.client;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A definite "no" from the service (a 4xx answer): nothing was changed by this request.
 *
 * @param status the HTTP status, 400 to 499
 * @param code the stable error code; {@link ErrorCode#NONE} when the answer had none
 * @param message the service's words, for people
 * @param balanceCents what the wallet could spend when it refused, on a recorded refusal
 */
public record Refusal(int status, ErrorCode code, String message, OptionalLong balanceCents) {

    public Refusal {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a refusal is a 4xx answer, not " + status);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(balanceCents, "balanceCents");
    }
}
