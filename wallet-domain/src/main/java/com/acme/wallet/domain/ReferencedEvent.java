package com.acme.wallet.domain;

import java.util.Optional;

/**
 * The outcome of a client's request under its reference, as the log records it: the reference's
 * one final outcome. Money moved ({@link FundsChanged}, {@link BetPlaced}, {@link WinPaid},
 * {@link RolledBack}), or it did not ({@link RequestRefused}, a {@link RolledBack} with nothing to
 * roll back).
 */
public sealed interface ReferencedEvent extends WalletEvent
        permits FundsChanged, BetPlaced, WinPaid, RolledBack, RequestRefused {

    /** {@return the client's name for the change} */
    Reference reference();

    /** {@return the request this event is the outcome of} */
    WalletRequest request();

    /** {@return how this event changes the balance, in cents: above zero adds, below zero takes} */
    long balanceDeltaCents();

    /**
     * {@return the round whose standing legs this event changes: a bet's or a win's, or the round of
     *     the bet or win a rollback gave back or took back; empty for anything else, refusals included}
     */
    default Optional<RoundId> roundChanged() {
        return Optional.empty();
    }
}
