package com.acme.wallet.application;

import com.acme.wallet.application.port.out.LoadSnapshotPort;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A hand-written snapshot store: wallets' durable state and the log positions it includes.
 *
 * <p>It keeps each wallet as plain data and restores a new {@link Wallet} on every load, as a
 * database does: the loader applies the log's tail to what it is handed, and that must never
 * change what the store holds.
 */
final class InMemorySnapshots implements LoadSnapshotPort {

    private record StoredWallet(WalletOpened opening, long balanceCents, long lastSequence,
            List<LedgerEntry> entries) {

        static StoredWallet of(Wallet wallet) {
            return new StoredWallet(wallet.opening().orElseThrow(), wallet.balanceCents(), wallet.lastSequence(),
                    List.copyOf(wallet.entries()));
        }

        WalletId id() {
            return opening.walletId();
        }

        Wallet restore() {
            return Wallet.restore(opening, balanceCents, lastSequence, entries);
        }
    }

    private final List<StoredWallet> wallets = new ArrayList<>();
    private LogPositions positions = LogPositions.none();

    private InMemorySnapshots() {}

    static InMemorySnapshots empty() {
        return new InMemorySnapshots();
    }

    /** {@return what a store holds once it has persisted the log's first events: their state and positions} */
    static InMemorySnapshots afterFirst(int count, InMemoryPartitionedLog log) {
        Map<WalletId, List<WalletEvent>> eventsByWallet = new LinkedHashMap<>();
        log.firstEvents(count).forEach(event ->
                eventsByWallet.computeIfAbsent(event.walletId(), unused -> new ArrayList<>()).add(event));
        InMemorySnapshots snapshots = new InMemorySnapshots();
        eventsByWallet.forEach((id, events) -> snapshots.holding(Wallet.replay(id, events)));
        return snapshots.withPositions(log.positionsOfFirst(count));
    }

    /** Stores a copy of the wallet's durable state; holding one wallet twice is a broken store. */
    synchronized InMemorySnapshots holding(Wallet wallet) {
        wallets.add(StoredWallet.of(wallet));
        return this;
    }

    /** Replaces the positions the state is said to include. */
    synchronized InMemorySnapshots withPositions(LogPositions includedPositions) {
        this.positions = includedPositions;
        return this;
    }

    synchronized LogPositions positions() {
        return positions;
    }

    @Override
    public synchronized LogPositions loadAll(Consumer<Wallet> sink) {
        wallets.forEach(stored -> sink.accept(stored.restore()));
        return positions;
    }
}
