package com.acme.wallet.application;

import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The event log, its loader and its reader, handed to a {@link WalletWriter} before they exist, so
 * that a program can serve (503, "starting") while it still waits for its log and database to be
 * reachable. {@link #open} hands over the real ones; the writer is started only after that.
 *
 * <p>A ledger that is not started neither appends nor reads, so using this before {@link #open} is
 * a wiring bug and throws.
 */
public final class DeferredEventLog implements AppendWalletEventsPort, LoadWalletsPort, ReadEventLogPort {

    private volatile Opened opened;

    /** The real ports, set together. */
    private record Opened(AppendWalletEventsPort log, LoadWalletsPort loader, ReadEventLogPort reader) {
        Opened {
            Objects.requireNonNull(log, "log");
            Objects.requireNonNull(loader, "loader");
            Objects.requireNonNull(reader, "reader");
        }
    }

    /**
     * Hands over the real log, loader and reader; once only.
     *
     * @param log where events are appended from now on
     * @param loader where every wallet's durable state is loaded from at start
     * @param reader where the log is read back from
     * @throws IllegalStateException if called twice
     */
    public synchronized void open(AppendWalletEventsPort log, LoadWalletsPort loader, ReadEventLogPort reader) {
        if (opened != null) {
            throw new IllegalStateException("the deferred event log was opened already");
        }
        opened = new Opened(log, loader, reader);
    }

    @Override
    public CompletionStage<LogPosition> append(WalletEvent event) {
        return append(event, Caller.ANONYMOUS);
    }

    @Override
    public CompletionStage<LogPosition> append(WalletEvent event, Caller caller) {
        Opened target = opened;
        if (target == null) {
            return CompletableFuture.failedFuture(notOpen());
        }
        return target.log().append(event, caller);
    }

    @Override
    public CompletionStage<LogPosition> appendBarrier() {
        Opened target = opened;
        if (target == null) {
            return CompletableFuture.failedFuture(notOpen());
        }
        return target.log().appendBarrier();
    }

    @Override
    public void loadAll(LogPosition barrier, Consumer<Wallet> sink) {
        opened().loader().loadAll(barrier, sink);
    }

    @Override
    public void readAfter(LogPositions positions, Consumer<LoggedEvent> sink) {
        opened().reader().readAfter(positions, sink);
    }

    @Override
    public void readUpTo(LogPositions positions, LogPosition barrier, Consumer<LoggedEvent> sink) {
        opened().reader().readUpTo(positions, barrier, sink);
    }

    private Opened opened() {
        Opened target = opened;
        if (target == null) {
            throw notOpen();
        }
        return target;
    }

    private static IllegalStateException notOpen() {
        return new IllegalStateException("the event log is not open yet; start the writer only after open()");
    }
}
