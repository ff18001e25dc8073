package com.acme.wallet.domain;

/**
 * A request of a game provider's contract: a bet, a win, or a rollback of either. Decided by
 * {@link Wallet#decideBetting}.
 */
public sealed interface BettingRequest extends WalletRequest permits BetRequest, WinRequest, RollbackRequest {}
