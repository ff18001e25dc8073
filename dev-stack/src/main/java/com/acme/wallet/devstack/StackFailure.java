package com.acme.wallet.devstack;

/**
 * Ends a ./wallet command with a message and an exit status: 1 when something failed, 2 for a
 * wrong command line, 130 when a signal asked to stop while starting.
 */
final class StackFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int INTERRUPTED = 130;

    private final int exitStatus;

    StackFailure(String message) {
        this(message, FAILED);
    }

    StackFailure(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }
}
