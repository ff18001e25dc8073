package com.acme.wallet.devstack;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./wallet down}: stops what {@code up} started; a PostgreSQL server that already ran is left alone. */
@Command(name = "down")
final class DownCommand implements Callable<Integer> {

    private final Stack stack;

    DownCommand(Stack stack) {
        this.stack = stack;
    }

    @Override
    public Integer call() {
        try (StackLock lock = StackLock.take(stack.paths.run().resolve("lock"))) {
            if (stack.runningComponents().isEmpty()) {
                stack.forgetStaleState();
                stack.console.say("nothing to stop");
                return 0;
            }
            stack.stop();
            stack.console.say("stopped; the data in ./data is kept");
            return 0;
        }
    }
}
