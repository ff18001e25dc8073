package com.acme.wallet.application;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One wallet as the writer holds it: the domain's {@link Wallet}, the changes it has handed to the
 * log and the replies that wait for them, and whether it is in doubt. Guarded by its own monitor.
 */
final class WalletSlot {

    final WalletId walletId;
    // Small: most wallets are idle, and the deque grows when pipelined.
    final ArrayDeque<InFlight> inFlight = new ArrayDeque<>(2);
    final Wallet wallet;
    /** Whether an append of this wallet failed: it takes no writes until it is read back. */
    boolean inDoubt;
    boolean awaitingReadBack;
    /** Where a read-back of this wallet may start in the log. */
    Frontier readBackFrom;
    int unsettledAppends;
    boolean queuedToForget;

    WalletSlot(Wallet wallet) {
        this.walletId = wallet.id();
        this.wallet = wallet;
    }

    InFlight inFlightWithSequence(long sequence) {
        for (InFlight entry : inFlight) {
            if (entry.event.sequence() == sequence) {
                return entry;
            }
        }
        throw new IllegalStateException("no change #" + sequence + " of " + walletId + " in flight");
    }

    /** A change handed to the log, and the reply that waits for it. */
    static final class InFlight {
        final WalletEvent event;
        /** The log's frontier when the change was handed over: the change lies after it. */
        final Frontier readFrom;
        final CompletableFuture<Long> balanceAfter = new CompletableFuture<>();
        boolean durable;
        boolean failed;

        InFlight(WalletEvent event, Frontier readFrom) {
            this.event = event;
            this.readFrom = readFrom;
        }
    }

    /**
     * The position of an append the log confirmed, numbered in the order the writer learnt of
     * them. An event appended after the frontier was read lies after that position in the log, so a
     * read-back of it may start there.
     *
     * @param generation how many confirmations came before this one
     * @param position the confirmed position
     */
    record Frontier(long generation, LogPosition position) {

        static Frontier older(Frontier first, Frontier second) {
            if (first == null) {
                return second;
            }
            return second.generation() < first.generation() ? second : first;
        }
    }
}
