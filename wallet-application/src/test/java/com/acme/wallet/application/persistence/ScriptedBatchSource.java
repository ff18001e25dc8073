package com.acme.wallet.application.persistence;

import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReceiveEventBatchesPort;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written log consumer that hands out the batches and failures a test queued, in order, and
 * records every acknowledgement.
 *
 * <p>With nothing queued it waits briefly and returns an empty batch, as a real consumer's bounded
 * receive does; so an idle persister neither spins nor blocks for long.
 */
final class ScriptedBatchSource implements ReceiveEventBatchesPort {

    private static final long IDLE_WAIT_MILLIS = 2;

    private sealed interface Delivery {}

    private record Batch(List<LoggedEvent> events) implements Delivery {}

    private record Failure(RuntimeException failure) implements Delivery {}

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final List<LogPositions> acknowledgements = new CopyOnWriteArrayList<>();
    private final AtomicInteger receives = new AtomicInteger();
    private final AtomicInteger acknowledgementFailuresLeft = new AtomicInteger();
    private final Timeline timeline;

    ScriptedBatchSource(Timeline timeline) {
        this.timeline = timeline;
    }

    ScriptedBatchSource delivering(LoggedEvent... batch) {
        deliveries.add(new Batch(List.of(batch)));
        return this;
    }

    /** The next receive throws this, in its turn among the queued batches. */
    ScriptedBatchSource failingReceiveWith(RuntimeException failure) {
        deliveries.add(new Failure(failure));
        return this;
    }

    ScriptedBatchSource failingNextAcknowledgements(int count) {
        acknowledgementFailuresLeft.addAndGet(count);
        return this;
    }

    @Override
    public List<LoggedEvent> receiveBatch() {
        receives.incrementAndGet();
        Delivery delivery;
        try {
            delivery = deliveries.poll(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        if (delivery instanceof Failure failure) {
            throw failure.failure();
        }
        return delivery instanceof Batch batch ? batch.events() : List.of();
    }

    @Override
    public void acknowledgeUpTo(LogPositions positions) {
        if (acknowledgementFailuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            timeline.record("acknowledgement failed");
            throw new StacklessFailure("the broker did not take the acknowledgement");
        }
        acknowledgements.add(positions);
        timeline.record("acknowledged");
    }

    /** {@return every acknowledgement taken, in order} */
    List<LogPositions> acknowledgements() {
        return List.copyOf(acknowledgements);
    }

    int receives() {
        return receives.get();
    }

    /** {@return how many queued batches and failures have not been received yet} */
    int undelivered() {
        return deliveries.size();
    }
}
