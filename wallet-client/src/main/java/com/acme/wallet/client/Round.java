package com.acme.wallet.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A betting round as the service stores it.
 *
 * @param userId the wallet
 * @param roundId the round
 * @param status {@code OPEN} or {@code CLOSED}
 * @param stakedCents the applied bets not rolled back
 * @param wonCents the applied wins not rolled back
 * @param legs the applied bets and wins, in sequence order
 */
public record Round(String userId, String roundId, String status, long stakedCents, long wonCents, List<Leg> legs) {

    public Round {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(status, "status");
        legs = List.copyOf(legs);
    }

    /**
     * @param reference the bet's or win's reference
     * @param type {@code BET} or {@code WIN}
     * @param amountCents its amount
     * @param sequence its place in the wallet's history
     * @param rolledBackBy the rollback that undid it, if one did
     */
    public record Leg(String reference, String type, long amountCents, long sequence, Optional<String> rolledBackBy) {}
}
