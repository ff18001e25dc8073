package com.acme.wallet.application;

/** Where the writer is in its life; {@link #FENCED} and {@link #FAILED} are for good. */
public enum WriterPhase {
    /** Loading the wallets; every request answers "retry later". */
    STARTING,
    /** Taking writes. */
    SERVING,
    /** Stopping: no new writes, changes in flight finishing. */
    STOPPING,
    /** Another writer took the log over; this one takes no writes ever again. */
    FENCED,
    /** A money invariant broke; this writer takes no writes ever again. */
    FAILED
}
