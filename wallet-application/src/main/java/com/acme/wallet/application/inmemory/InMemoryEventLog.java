package com.acme.wallet.application.inmemory;

import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.port.AppendWalletEventsPort;
import com.acme.wallet.domain.port.LoadWalletsPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * An event log held in this process's memory. <strong>Not durable</strong>: everything is lost when
 * the process stops.
 *
 * <p>For tests and for trying the API without infrastructure ({@code WALLET_LOG=memory}). Appends
 * are confirmed at once; loading replays the events through the domain, like a durable log does.
 */
public final class InMemoryEventLog implements AppendWalletEventsPort, LoadWalletsPort {

    private final Map<WalletId, List<WalletEvent>> eventsByWallet = new LinkedHashMap<>();

    @Override
    public synchronized CompletionStage<Void> append(WalletEvent event) {
        eventsByWallet.computeIfAbsent(event.walletId(), unused -> new ArrayList<>()).add(event);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized void loadAll(Consumer<Wallet> sink) {
        eventsByWallet.forEach((id, events) -> {
            Wallet wallet = Wallet.replay(id, events);
            if (wallet.isOpen()) {
                sink.accept(wallet);
            }
        });
    }

    @Override
    public synchronized Optional<Wallet> load(WalletId id) {
        Wallet wallet = Wallet.replay(id, eventsByWallet.getOrDefault(id, List.of()));
        return wallet.isOpen() ? Optional.of(wallet) : Optional.empty();
    }

    /** {@return every event appended so far, wallet by wallet in order; a copy} */
    public synchronized List<WalletEvent> events() {
        List<WalletEvent> all = new ArrayList<>();
        eventsByWallet.values().forEach(all::addAll);
        return all;
    }
}
