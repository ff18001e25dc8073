package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a stored transaction sits: its event id at its wallet and sequence.
 *
 * @param eventId the event id of the stored transaction
 * @param walletId its wallet
 * @param sequence its sequence number
 */
public record StoredEventPlace(UUID eventId, WalletId walletId, long sequence) {

    /** Validates the record. */
    public StoredEventPlace {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(walletId, "walletId");
    }
}
