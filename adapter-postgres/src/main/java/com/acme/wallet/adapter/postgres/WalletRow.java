package com.acme.wallet.adapter.postgres;

import java.time.Instant;

/**
 * A wallet's state after a batch, to write to {@code wallets}.
 *
 * @param walletId the wallet's id
 * @param balanceCents its balance after the batch's events
 * @param lastSequence the sequence number of its last event
 * @param openedAt when its opening was decided; only used when the row is new
 * @param lockedSequence the last sequence read under the row lock, 0 for a new wallet: the row is
 *     updated only if it still holds this, so a concurrent writer cannot be overwritten unnoticed
 */
record WalletRow(String walletId, long balanceCents, long lastSequence, Instant openedAt, long lockedSequence) {}
