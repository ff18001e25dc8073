package com.acme.wallet.domain;

/** The two ways a wallet's funds change after it is opened. */
public enum FundsOperation {
    /** Funds go up: a won bet, a deposit, a bonus. */
    ADD,
    /** Funds go down: a placed bet, a withdrawal. Never below zero. */
    REMOVE
}
