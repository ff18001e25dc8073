package com.acme.wallet.adapter.postgres;

/**
 * One row of the snapshot query: a wallet and one of its transactions.
 *
 * @param walletId the wallet's id
 * @param balanceCents the wallet's stored balance
 * @param lastSequence the wallet's stored last sequence
 * @param transaction one of its transactions, or null if it has none (which breaks an invariant)
 */
record SnapshotRow(String walletId, long balanceCents, long lastSequence, TransactionRow transaction) {}
