package com.acme.wallet.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A rollback was recorded: the original it names is rolled back for good, whatever it was (see
 * {@link RollbackEffect}).
 *
 * @param eventId the unique id of this event
 * @param walletId the wallet
 * @param sequence this event's position among the wallet's events
 * @param request the rollback
 * @param effect what it did
 * @param occurredAt when it was decided
 */
public record RolledBack(UUID eventId, WalletId walletId, long sequence, RollbackRequest request,
        RollbackEffect effect, Instant occurredAt) implements ReferencedEvent {

    /**
     * Validates the event.
     *
     * @param eventId the unique id of this event
     * @param walletId the wallet
     * @param sequence this event's position among the wallet's events
     * @param request the rollback
     * @param effect what it did
     * @param occurredAt when it was decided
     */
    public RolledBack {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(occurredAt, "occurredAt");
        EventChecks.checkChangeSequence(sequence);
    }

    @Override
    public Reference reference() {
        return request.reference();
    }

    /** {@return the reference of the change rolled back} */
    public Reference originalReference() {
        return request.originalReference();
    }

    /** {@return whether this is a tombstone: the original never arrived, and is refused if it does} */
    public boolean isTombstone() {
        return effect instanceof RollbackEffect.NothingToRollBack nothing
                && nothing.originalOutcome() == RollbackEffect.OriginalOutcome.UNKNOWN;
    }

    @Override
    public Amount amount() {
        return effect.amount();
    }

    @Override
    public Optional<RoundId> roundChanged() {
        if (effect instanceof RollbackEffect.RefundBet refund) {
            return Optional.of(refund.roundId());
        }
        if (effect instanceof RollbackEffect.ReclaimWin reclaim) {
            return Optional.of(reclaim.roundId());
        }
        return Optional.empty();
    }

    @Override
    public long balanceDeltaCents() {
        return effect.balanceDeltaCents();
    }
}
