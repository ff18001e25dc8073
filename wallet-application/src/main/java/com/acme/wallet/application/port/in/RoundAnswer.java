package com.acme.wallet.application.port.in;

/** What a read of a round found. */
public sealed interface RoundAnswer permits RoundView, NoSuchRound, RoundTooLarge, NotInHistory {}
