package com.acme.wallet.adapter.http;

import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A hand-written fake event log that stores like the in-memory log but confirms every append on one
 * dedicated thread, as the Pulsar client does on its single completion thread: whatever runs on
 * confirmation runs there, one task after another.
 *
 * <p>Each confirmation comes {@value #CONFIRMATION_LATENCY_MICROS} µs after its append, as a broker's
 * round trip would. Confirmed at once, it could complete before the ledger and Javalin have attached
 * their callbacks, which would then run on the request thread instead, as they never do in production.
 * The latency is a model of the broker, not a wait for a condition: no assertion depends on it.
 */
final class SingleCompletionThreadLog implements AppendWalletEventsPort, LoadWalletsPort, ReadEventLogPort,
        AutoCloseable {

    /** The name of the production thread this one stands for. */
    static final String THREAD_NAME = "wallet-pulsar-append-completions";

    private final InMemoryEventLog stored = new InMemoryEventLog();
    private static final long CONFIRMATION_LATENCY_MICROS = 200;

    private final ScheduledExecutorService completions =
            Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, THREAD_NAME));

    @Override
    public CompletionStage<LogPosition> append(WalletEvent event) {
        return confirmedLater(stored.append(event).toCompletableFuture().join());
    }

    @Override
    public CompletionStage<LogPosition> appendBarrier() {
        return confirmedLater(stored.appendBarrier().toCompletableFuture().join());
    }

    @Override
    public void loadAll(LogPosition barrier, Consumer<Wallet> sink) {
        stored.loadAll(barrier, sink);
    }

    @Override
    public void readAfter(LogPositions positions, Consumer<LoggedEvent> sink) {
        stored.readAfter(positions, sink);
    }

    @Override
    public void readUpTo(LogPositions positions, LogPosition barrier, Consumer<LoggedEvent> sink) {
        stored.readUpTo(positions, barrier, sink);
    }

    private CompletionStage<LogPosition> confirmedLater(LogPosition position) {
        CompletableFuture<LogPosition> confirmation = new CompletableFuture<>();
        completions.schedule(() -> confirmation.complete(position), CONFIRMATION_LATENCY_MICROS, TimeUnit.MICROSECONDS);
        return confirmation;
    }

    /** Stops the completion thread, interrupting it if a test left it blocked. */
    @Override
    public void close() throws InterruptedException {
        completions.shutdownNow();
        if (!completions.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new AssertionError(THREAD_NAME + " did not stop: it is still blocked");
        }
    }
}
