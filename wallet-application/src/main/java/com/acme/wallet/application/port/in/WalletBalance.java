package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.WalletId;

/**
 * A wallet's durable balance.
 *
 * @param walletId the wallet
 * @param balanceCents its balance in cents
 */
public record WalletBalance(WalletId walletId, long balanceCents) {}
