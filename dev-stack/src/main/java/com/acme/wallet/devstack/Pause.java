package com.acme.wallet.devstack;

import java.time.Duration;

/** A short pause between two checks of a condition. */
final class Pause {

    private Pause() {}

    static void of(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StackFailure("interrupted", StackFailure.INTERRUPTED);
        }
    }
}
