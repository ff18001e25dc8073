package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A refusal or a tombstone that breaks what such a row must be. Either moved money (its
 * {@code delta_cents} is not 0), or a refusal's shown balance is impossible.
 *
 * <p>A refusal shows what could be spent when it was decided: the balance then, less the debits
 * still in flight. Those debits and any credits in flight that were stored come before it in
 * sequence, and a debit in flight whose send failed is not stored at all, so the balance after the
 * refusal is never below what it showed. And a bet or a removal refused for insufficient funds
 * asked for more than it showed. Nothing else about the shown balance holds: it may be far below
 * the stored balance, when debits in flight were refused or lost.
 *
 * @param walletId the wallet
 * @param sequence the row's sequence number
 * @param reference the row's reference
 * @param kind the row's kind, as stored
 * @param outcome the row's outcome: {@code REJECTED} or {@code TOMBSTONE}
 * @param refusalCode the refusal's code as stored, or null for a tombstone
 * @param amountCents the amount asked
 * @param deltaCents how the row moved the balance; a refusal or a tombstone moves nothing
 * @param shownBalanceCents the balance the refusal showed, or empty for a tombstone
 * @param balanceAfterCents the stored balance after the row
 */
public record RefusalDisagreement(WalletId walletId, long sequence, String reference, String kind, String outcome,
        String refusalCode, long amountCents, long deltaCents, OptionalLong shownBalanceCents,
        long balanceAfterCents) {

    /** Validates the record. */
    public RefusalDisagreement {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(shownBalanceCents, "shownBalanceCents");
    }
}
