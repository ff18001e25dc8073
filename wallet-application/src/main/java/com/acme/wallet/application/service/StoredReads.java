package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.port.in.NoSuchWallet;
import com.acme.wallet.application.port.in.NotInHistory;
import com.acme.wallet.application.port.in.SequenceNotReached;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.out.history.HistoryEntry;
import com.acme.wallet.application.port.out.history.ReadHistoryPort;
import com.acme.wallet.application.port.out.history.StoredHistory;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every read of stored history shares: the store read, or "retry later" when it cannot be;
 * and, where the store has not stored what an answer needs, the writer's memory asked whether it
 * ever happened ("retry later") or not (a 404 of its own).
 *
 * <p>The store is read first and the writer second: the writer confirms an event before the store
 * can hold it, so the writer then knows at least what the store knew.
 */
final class StoredReads {

    private static final System.Logger LOG = System.getLogger(StoredReads.class.getName());

    private final WalletWriter writer;
    private final ReadHistoryPort history;

    StoredReads(WalletWriter writer, ReadHistoryPort history) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.history = Objects.requireNonNull(history, "history");
    }

    /**
     * Reads the store, checking that every entry is of the wallet.
     *
     * @throws TemporarilyUnavailableException if the store cannot be read now
     * @throws IllegalStateException if the store answered something impossible: a bug, not an outage
     */
    StoredHistory read(WalletId walletId, Function<ReadHistoryPort, StoredHistory> read) {
        StoredHistory stored;
        try {
            stored = read.apply(history);
        } catch (TemporarilyUnavailableException | IllegalStateException | IllegalArgumentException notAnOutage) {
            throw notAnOutage;
        } catch (RuntimeException unreachable) {
            LOG.log(Level.DEBUG, "reading the stored history of " + walletId + " failed", unreachable);
            throw new TemporarilyUnavailableException("the stored history cannot be read now; retry shortly",
                    unreachable);
        }
        for (HistoryEntry entry : stored.entries()) {
            if (!entry.event().walletId().equals(walletId)) {
                throw new IllegalStateException("the history of " + walletId + " was read with " + entry);
            }
        }
        return stored;
    }

    /**
     * Checks that a store's answer can serve a read: the wallet is stored through a sequence.
     *
     * @param walletId the wallet
     * @param stored what the store answered
     * @param sequence the sequence the read needs; 0 needs nothing
     * @return empty if it can; else the read's answer: "no such wallet" if neither the store nor the
     *     writer knows the wallet, "not reached" if the wallet has no such sequence yet
     * @throws TemporarilyUnavailableException if the writer holds the wallet or the sequence and the
     *     store does not yet
     */
    Optional<NotInHistory> notInHistory(WalletId walletId, StoredHistory stored, long sequence) {
        if (!stored.knowsWallet()) {
            return Optional.of(unknownWallet(walletId));
        }
        if (sequence <= stored.storedThroughSequence()) {
            return Optional.empty();
        }
        long last = writer.read(walletId, Wallet::lastSequence);
        if (last >= sequence) {
            throw new TemporarilyUnavailableException("the stored history of wallet " + walletId + " holds its changes "
                    + "through sequence " + stored.storedThroughSequence() + ", not yet through " + sequence
                    + "; retry shortly");
        }
        return Optional.of(new SequenceNotReached(walletId, sequence, Math.max(last, stored.storedThroughSequence())));
    }

    /** "No such wallet" if the writer does not know it either, else "retry later": opened, not stored yet. */
    private NoSuchWallet unknownWallet(WalletId walletId) {
        boolean known = writer.read(walletId, wallet -> wallet.isOpen() || wallet.inFlightCount() > 0);
        if (known) {
            throw new TemporarilyUnavailableException("wallet " + walletId + " is not stored yet; retry shortly");
        }
        return new NoSuchWallet(walletId);
    }
}
