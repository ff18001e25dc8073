package com.acme.wallet.application.port.in;

/**
 * What any read of a wallet's stored history may answer instead of what it asked for: the wallet
 * does not exist, or it has not reached the sequence the read needs.
 */
public sealed interface NotInHistory extends HistoryAnswer, BalanceAtAnswer, RoundAnswer
        permits NoSuchWallet, SequenceNotReached {}
