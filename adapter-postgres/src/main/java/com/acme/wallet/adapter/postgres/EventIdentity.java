package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.WalletEvent;
import java.util.UUID;

/**
 * What makes a stored transaction the same event as a redelivered one: everything except the
 * times and the balance after (which the store computes).
 *
 * @param walletId the wallet
 * @param sequence the sequence number within the wallet
 * @param eventId the event's unique id
 * @param kind opening, addition or removal
 * @param reference the client's reference; null for an opening
 * @param amountCents the amount moved, or the opening balance
 */
record EventIdentity(String walletId, long sequence, UUID eventId, TransactionKind kind, String reference,
        long amountCents) {

    static EventIdentity of(WalletEvent event) {
        TransactionRow row = TransactionRow.of(event, 0);
        return new EventIdentity(row.walletId(), row.sequence(), row.eventId(), row.kind(), row.reference(),
                row.amountCents());
    }
}
