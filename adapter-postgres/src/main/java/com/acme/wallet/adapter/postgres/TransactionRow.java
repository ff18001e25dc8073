package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.WalletEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code transactions} to insert: an event and the balance it left.
 *
 * @param walletId the wallet's id
 * @param sequence the event's sequence number within the wallet
 * @param eventId the event's unique id
 * @param kind opening, addition or removal
 * @param reference the client's reference; null only for an opening
 * @param amountCents the amount moved, or the opening balance
 * @param balanceAfterCents the balance right after the event
 * @param occurredAt when the event was decided
 */
record TransactionRow(
        String walletId,
        long sequence,
        UUID eventId,
        TransactionKind kind,
        String reference,
        long amountCents,
        long balanceAfterCents,
        Instant occurredAt) {

    static TransactionRow of(WalletEvent event, long balanceAfterCents) {
        String reference = event instanceof FundsChanged change ? change.reference().value() : null;
        return new TransactionRow(event.walletId().value(), event.sequence(), event.eventId(),
                TransactionKind.of(event), reference, event.amount().cents(), balanceAfterCents,
                event.occurredAt());
    }
}
