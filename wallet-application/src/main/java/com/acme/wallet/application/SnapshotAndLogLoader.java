package com.acme.wallet.application;

import com.acme.wallet.application.port.out.LoadSnapshotPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Loads wallets exactly as the durable log holds them: the persisted snapshot, then every event
 * the log holds after the positions that snapshot includes, up to a barrier.
 *
 * <p>The snapshot is only a shortcut; the log is the truth. Events the snapshot already holds are
 * recognised by their sequence and skipped, so an overlap is harmless, and a log that breaks a
 * money rule stops the load with an {@link IllegalStateException}.
 */
public final class SnapshotAndLogLoader implements LoadWalletsPort {

    private final LoadSnapshotPort snapshots;
    private final ReadEventLogPort log;

    /**
     * Creates the loader.
     *
     * @param snapshots the persisted state and its log positions
     * @param log the durable log, read from those positions to its end
     */
    public SnapshotAndLogLoader(LoadSnapshotPort snapshots, ReadEventLogPort log) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void loadAll(LogPosition barrier, Consumer<Wallet> sink) {
        Map<WalletId, Wallet> wallets = new HashMap<>();
        LogPositions positions = snapshots.loadAll(wallet -> {
            if (wallets.putIfAbsent(wallet.id(), wallet) != null) {
                throw new IllegalStateException("snapshot holds wallet " + wallet.id() + " twice");
            }
        });
        log.readUpTo(positions, barrier, logged -> {
            WalletEvent event = logged.event();
            wallets.computeIfAbsent(event.walletId(), Wallet::unopened).applyDurable(event);
        });
        wallets.values().stream().filter(Wallet::isOpen).forEach(sink);
    }
}
