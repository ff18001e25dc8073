package com.acme.wallet.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What an applied change did.
 *
 * @param userId the wallet
 * @param reference the change's reference
 * @param amountCents the cents it moved (a rollback: the stake or win it undid; 0 when it had nothing to undo)
 * @param balanceCents the wallet's balance right after it
 * @param sequence its place in the wallet's history; send it as {@code minSequence} to read your write
 * @param roundId a bet's or win's round
 * @param originalReference what a rollback rolled back
 * @param originalOutcome for a rollback that moved nothing: {@code unknown} (the original never
 *     came; it is refused if it comes later) or {@code rejected} (the original was refused)
 */
public record Receipt(String userId, String reference, long amountCents, long balanceCents, long sequence,
        Optional<String> roundId, Optional<String> originalReference, Optional<String> originalOutcome) {

    public Receipt {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(reference, "reference");
        if (amountCents < 0 || balanceCents < 0 || sequence < 1) {
            throw new IllegalArgumentException("a receipt with amount " + amountCents + ", balance " + balanceCents
                    + ", sequence " + sequence);
        }
    }
}
