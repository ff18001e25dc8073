package com.acme.wallet.application.port.in;

/** What a read of a past balance found. */
public sealed interface BalanceAtAnswer permits PastBalance, BeforeOpening, NotInHistory {}
