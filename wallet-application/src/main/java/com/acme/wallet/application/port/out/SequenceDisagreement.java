package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * A wallet whose stored last sequence is not the last of its stored transactions: an event was lost
 * or applied out of order.
 *
 * <p>A gap in a wallet's sequence numbers is not one: it is an event that never reached the log, a
 * change whose send failed while a later change of the same wallet, already in flight, was stored.
 * The money rules hold for any such subset of changes in flight, and the writer, the batch
 * consumer and the checker all accept it. An event the log holds but PostgreSQL lacks is what
 * the checker's comparison with the topic finds (event-missing).
 *
 * @param walletId the wallet
 * @param lastSequence the wallet row's {@code last_sequence}
 * @param maxSequence the highest sequence among its transactions, 0 if it has none
 * @param transactionCount how many transactions it has
 */
public record SequenceDisagreement(WalletId walletId, long lastSequence, long maxSequence, long transactionCount) {

    /** Validates the record. */
    public SequenceDisagreement {
        Objects.requireNonNull(walletId, "walletId");
    }
}
