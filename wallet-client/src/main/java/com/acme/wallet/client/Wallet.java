package com.acme.wallet.client;

import java.util.Objects;

/**
 * A wallet's balance as the service answered it.
 *
 * @param userId the wallet
 * @param balanceCents its balance, every confirmed change counted
 */
public record Wallet(String userId, long balanceCents) {

    public Wallet {
        Objects.requireNonNull(userId, "userId");
        if (balanceCents < 0) {
            throw new IllegalArgumentException("a balance below zero: " + balanceCents);
        }
    }
}
