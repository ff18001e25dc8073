package com.acme.wallet.client;

import java.util.Map;
import java.util.Objects;

/**
 * A bet or a win: what goes into a round. Start from {@link #of} and add the rest.
 *
 * @param reference the change's reference, the same on every retry
 * @param roundId the round
 * @param amountCents the stake, or the win (0 closes a lost round)
 * @param closesRound whether no bet or win may follow in the round
 * @param metadata up to 16 keys of strings, kept with the change
 */
public record RoundLeg(String reference, String roundId, long amountCents, boolean closesRound,
        Map<String, String> metadata) {

    public RoundLeg {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(roundId, "roundId");
        metadata = Map.copyOf(metadata);
    }

    /** {@return a leg that leaves its round open, without metadata} */
    public static RoundLeg of(String reference, String roundId, long amountCents) {
        return new RoundLeg(reference, roundId, amountCents, false, Map.of());
    }

    /** {@return this leg, closing its round: no bet or win may follow it} */
    public RoundLeg closingRound() {
        return new RoundLeg(reference, roundId, amountCents, true, metadata);
    }

    /** {@return this leg with metadata the service stores beside it, such as the game} */
    public RoundLeg withMetadata(Map<String, String> entries) {
        return new RoundLeg(reference, roundId, amountCents, closesRound, entries);
    }
}
