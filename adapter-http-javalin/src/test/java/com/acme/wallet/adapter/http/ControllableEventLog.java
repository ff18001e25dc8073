package com.acme.wallet.adapter.http;

import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.port.AppendWalletEventsPort;
import com.acme.wallet.domain.port.LoadWalletsPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A hand-written fake event log that confirms appends like the in-memory log, or, when told, fails
 * them (the outcome is then unknown to the ledger, but nothing was stored) or holds them without an
 * answer until {@link #confirmHeld()} stores and confirms them.
 */
final class ControllableEventLog implements AppendWalletEventsPort, LoadWalletsPort {

    enum Mode { CONFIRM, FAIL, HOLD }

    private final InMemoryEventLog stored = new InMemoryEventLog();
    private final List<Held> held = new ArrayList<>();
    private Mode mode = Mode.CONFIRM;
    private int failedAppends;

    synchronized void switchTo(Mode newMode) {
        mode = newMode;
    }

    @Override
    public synchronized CompletionStage<Void> append(WalletEvent event) {
        switch (mode) {
            case FAIL -> {
                failedAppends++;
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "java.io.IOException: broker pulsar://10.0.0.7:6650 did not answer"));
            }
            case HOLD -> {
                CompletableFuture<Void> confirmation = new CompletableFuture<>();
                held.add(new Held(event, confirmation));
                return confirmation;
            }
            default -> {
                return stored.append(event);
            }
        }
    }

    /** Stores every held event and confirms it, as a log that answers late would. */
    void confirmHeld() {
        List<Held> releasing;
        synchronized (this) {
            releasing = new ArrayList<>(held);
            held.clear();
            mode = Mode.CONFIRM;
        }
        for (Held entry : releasing) {
            stored.append(entry.event());
            entry.confirmation().complete(null);
        }
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
    public void loadAll(Consumer<Wallet> sink) {
        stored.loadAll(sink);
    }

    @Override
    public Optional<Wallet> load(WalletId id) {
        return stored.load(id);
    }

    private record Held(WalletEvent event, CompletableFuture<Void> confirmation) {}
}
