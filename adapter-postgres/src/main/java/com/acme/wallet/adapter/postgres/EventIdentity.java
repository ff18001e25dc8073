package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RollbackEffect.OriginalOutcome;
import com.acme.wallet.domain.WalletEvent;
import java.util.Objects;
import java.util.UUID;

/**
 * What makes a stored transaction the same event as a redelivered one: every column of its row
 * except the times and the balance after (which the store computes). The columns after
 * {@code deltaCents} are present only on the rows they describe (see the V2 migration), null
 * elsewhere.
 *
 * @param walletId the wallet
 * @param sequence the sequence number within the wallet
 * @param eventId the event's unique id
 * @param kind what was asked; a refusal keeps the kind of the request it refused
 * @param outcome applied, refused, or a tombstone
 * @param reference the client's reference; null for an opening
 * @param amountCents what was asked, the opening balance, or what a rollback moved
 * @param deltaCents how the event moved the balance
 * @param roundId a bet's or win's round, or the round of a refund or a reclaim
 * @param closesRound whether a bet or win closes its round
 * @param metadata a bet's or win's metadata
 * @param originalReference what a rollback names
 * @param rollbackEffect what a rollback that was not refused did
 * @param originalOutcome what the wallet knew of an original it had nothing to roll back of
 * @param refusalCode why a request was refused
 * @param shownBalanceCents the balance a refusal showed
 */
record EventIdentity(
        String walletId,
        long sequence,
        UUID eventId,
        TransactionKind kind,
        TransactionOutcome outcome,
        String reference,
        long amountCents,
        long deltaCents,
        String roundId,
        Boolean closesRound,
        Metadata metadata,
        String originalReference,
        StoredRollbackEffect rollbackEffect,
        OriginalOutcome originalOutcome,
        RefusalCode refusalCode,
        Long shownBalanceCents) {

    /** Checks the columns every row has. */
    EventIdentity {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
    }

    static EventIdentity of(WalletEvent event) {
        return TransactionMapping.identity(event);
    }
}
