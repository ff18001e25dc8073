package com.acme.wallet.adapter.http;

import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A hand-written fake event log that confirms appends like the in-memory log, or, when told, fails
 * them (the outcome is then unknown to the ledger, but nothing was stored) or holds them without an
 * answer until {@link #confirmHeld()} stores and confirms them. A barrier fails while appends fail,
 * and waits for the held appends, as a real log's would.
 */
final class ControllableEventLog implements AppendWalletEventsPort, LoadWalletsPort, ReadEventLogPort {

    enum Mode { CONFIRM, FAIL, HOLD }

    private final InMemoryEventLog stored = new InMemoryEventLog();
    private final Map<UUID, Caller> callers = new HashMap<>();
    private final List<Held> held = new ArrayList<>();
    private final List<CompletableFuture<LogPosition>> waitingBarriers = new ArrayList<>();
    private Mode mode = Mode.CONFIRM;
    private int failedAppends;

    synchronized void switchTo(Mode newMode) {
        mode = newMode;
    }

    @Override
    public synchronized CompletionStage<LogPosition> append(WalletEvent event, Caller caller) {
        callers.put(event.eventId(), caller);
        return append(event);
    }

    /** {@return who asked for each event appended with its caller, by event id} */
    synchronized Map<UUID, Caller> callers() {
        return Map.copyOf(callers);
    }

    @Override
    public synchronized CompletionStage<LogPosition> append(WalletEvent event) {
        switch (mode) {
            case FAIL -> {
                failedAppends++;
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "java.io.IOException: broker pulsar://10.0.0.7:6650 did not answer"));
            }
            case HOLD -> {
                CompletableFuture<LogPosition> confirmation = new CompletableFuture<>();
                held.add(new Held(event, confirmation));
                return confirmation;
            }
            default -> {
                return stored.append(event);
            }
        }
    }

    @Override
    public synchronized CompletionStage<LogPosition> appendBarrier() {
        if (mode == Mode.FAIL) {
            return CompletableFuture.failedFuture(new IllegalStateException("the log does not answer"));
        }
        if (held.isEmpty()) {
            return stored.appendBarrier();
        }
        CompletableFuture<LogPosition> barrier = new CompletableFuture<>();
        waitingBarriers.add(barrier);
        return barrier;
    }

    /** Stores every held event and confirms it, as a log that answers late would. */
    void confirmHeld() {
        List<Held> releasing;
        List<CompletableFuture<LogPosition>> barriers;
        synchronized (this) {
            releasing = new ArrayList<>(held);
            barriers = new ArrayList<>(waitingBarriers);
            held.clear();
            waitingBarriers.clear();
            mode = Mode.CONFIRM;
        }
        for (Held entry : releasing) {
            LogPosition position = stored.append(entry.event()).toCompletableFuture().join();
            entry.confirmation().complete(position);
        }
        barriers.forEach(barrier -> barrier.complete(stored.appendBarrier().toCompletableFuture().join()));
    }

    synchronized int heldCount() {
        return held.size();
    }

    synchronized int failedAppends() {
        return failedAppends;
    }

    /** {@return every event stored so far} */
    List<WalletEvent> storedEvents() {
        return stored.events();
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

    private record Held(WalletEvent event, CompletableFuture<LogPosition> confirmation) {}
}
