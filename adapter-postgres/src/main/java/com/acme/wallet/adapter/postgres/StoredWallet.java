package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.WalletId;

/**
 * A wallet's persisted state as read, under a row lock, at the start of a batch.
 *
 * @param walletId the wallet
 * @param balanceCents its persisted balance
 * @param lastSequence the sequence number of its last persisted event
 */
record StoredWallet(WalletId walletId, long balanceCents, long lastSequence) {}
