package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.WalletEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code transactions}: an event's columns and the balance it left. How an event
 * becomes a row and a row its event again is {@link TransactionMapping}'s.
 *
 * @param identity every column that tells the event apart from another
 * @param balanceAfterCents the balance right after the event
 * @param occurredAt when the event was decided
 */
record TransactionRow(EventIdentity identity, long balanceAfterCents, Instant occurredAt) {

    /** Checks that every part is present. */
    TransactionRow {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    static TransactionRow of(WalletEvent event, long balanceAfterCents) {
        return new TransactionRow(EventIdentity.of(event), balanceAfterCents, event.occurredAt());
    }

    String walletId() {
        return identity.walletId();
    }

    long sequence() {
        return identity.sequence();
    }

    UUID eventId() {
        return identity.eventId();
    }
}
