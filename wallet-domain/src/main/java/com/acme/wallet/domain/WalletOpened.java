package com.acme.wallet.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A wallet came into existence with an opening balance, which may be zero.
 *
 * @param eventId the unique id of this event
 * @param walletId the new wallet
 * @param sequence always {@link WalletEvent#FIRST_SEQUENCE}
 * @param amount the opening balance
 * @param occurredAt when the wallet was opened
 */
public record WalletOpened(UUID eventId, WalletId walletId, long sequence, Amount amount, Instant occurredAt)
        implements WalletEvent {

    /**
     * Validates the event.
     *
     * @param eventId the unique id of this event
     * @param walletId the new wallet
     * @param sequence always {@link WalletEvent#FIRST_SEQUENCE}
     * @param amount the opening balance
     * @param occurredAt when the wallet was opened
     * @throws IllegalArgumentException if the sequence is not the first one
     * @throws NullPointerException if any part is missing
     */
    public WalletOpened {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (sequence != FIRST_SEQUENCE) {
            throw new IllegalArgumentException("a wallet is opened by its first event, not by event " + sequence);
        }
    }
}
