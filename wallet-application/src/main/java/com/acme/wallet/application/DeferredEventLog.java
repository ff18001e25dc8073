package com.acme.wallet.application;

import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.port.AppendWalletEventsPort;
import com.acme.wallet.domain.port.LoadWalletsPort;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The event log and its loader, handed to a {@link WalletLedger} before they exist, so that a
 * program can serve (503, "starting") while it still waits for its log and database to be
 * reachable. {@link #open} hands over the real ones; the ledger is started only after that.
 *
 * <p>A ledger that is not started neither appends nor loads, so using this before {@link #open} is
 * a wiring bug and throws.
 */
public final class DeferredEventLog implements AppendWalletEventsPort, LoadWalletsPort {

    private volatile AppendWalletEventsPort log;
    private volatile LoadWalletsPort loader;

    /**
     * Hands over the real log and loader; once only.
     *
     * @param log where events are appended from now on
     * @param loader where durable state is read from from now on
     * @throws IllegalStateException if called twice
     */
    public synchronized void open(AppendWalletEventsPort log, LoadWalletsPort loader) {
        if (this.log != null) {
            throw new IllegalStateException("the deferred event log was opened already");
        }
        // The loader first: a reader that sees the log set sees the loader set too.
        this.loader = Objects.requireNonNull(loader, "loader");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public CompletionStage<Void> append(WalletEvent event) {
        AppendWalletEventsPort target = log;
        if (target == null) {
            return CompletableFuture.failedFuture(notOpen());
        }
        return target.append(event);
    }

    @Override
    public void loadAll(Consumer<Wallet> sink) {
        opened().loadAll(sink);
    }

    @Override
    public Optional<Wallet> load(WalletId id) {
        return opened().load(id);
    }

    private LoadWalletsPort opened() {
        LoadWalletsPort target = loader;
        if (target == null) {
            throw notOpen();
        }
        return target;
    }

    private static IllegalStateException notOpen() {
        return new IllegalStateException("the event log is not open yet; start the ledger only after open()");
    }
}
