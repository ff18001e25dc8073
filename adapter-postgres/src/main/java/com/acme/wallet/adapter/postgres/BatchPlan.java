package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What persisting one batch means, worked out in memory before anything is written: which events
 * are new and the balance each leaves, which are repeats, the wallets' state afterwards and the
 * last position per partition.
 *
 * <p>Balances are computed by applying the events to the wallets' <em>persisted</em> state with the
 * domain's own rules ({@link Wallet#applyDurable}), never taken from the writer that logged them,
 * so a log that would break a money rule fails here with an {@link IllegalStateException}.
 *
 * <p>An event at or below a wallet's persisted last sequence is a repeat that must still be
 * checked against the stored row ({@link #storedRepeats()}); a repeat of an event earlier in the
 * same batch is checked here. Wallets are restored without their stored references and rounds
 * ({@link Wallet#atBalance}): reading every reference of every wallet for each batch would cost
 * more than the schema's unique keys, which refuse a reused reference ({@code UNIQUE (wallet_id,
 * reference)}) and a second rollback of an original ({@code transactions_one_rollback_per_original})
 * instead. The rules of a round that depend on its stored legs (a win needs a standing bet, a
 * closed round takes no leg) are the writer's, which decided the events with the whole round known.
 * Every event, a refusal or a tombstone included, is a row; the balance moves by its delta only.
 */
final class BatchPlan {

    private final Map<WalletId, PlannedWallet> wallets = new LinkedHashMap<>();
    private final Map<String, LogPosition> lastPositions = new LinkedHashMap<>();
    private final List<TransactionRow> newTransactions = new ArrayList<>();
    private final List<WalletEvent> storedRepeats = new ArrayList<>();
    private int repeatCount;

    private BatchPlan() {}

    /**
     * Plans a batch.
     *
     * @param batch the events in log order
     * @param stored the persisted state of the batch's wallets that exist, read under row locks
     * @return the plan
     * @throws IllegalStateException if the events break a money rule or differ from an event
     *     earlier in the batch at the same sequence
     */
    static BatchPlan of(List<LoggedEvent> batch, Map<WalletId, StoredWallet> stored) {
        BatchPlan plan = new BatchPlan();
        for (LoggedEvent logged : batch) {
            plan.add(logged, stored);
        }
        return plan;
    }

    /** {@return the events stored for the first time, in log order, with their balances after} */
    List<TransactionRow> newTransactions() {
        return newTransactions;
    }

    /** {@return events at or below their wallet's persisted last sequence, to check against the stored rows} */
    List<WalletEvent> storedRepeats() {
        return storedRepeats;
    }

    /** {@return how many events of the batch were repeats, stored before or earlier in the batch} */
    int repeatCount() {
        return repeatCount;
    }

    /**
     * {@return the wallets that do not exist yet and are opened by this batch, by id} Two writers
     * inserting the same new wallets then wait for each other in one order and cannot deadlock.
     */
    List<WalletRow> newWallets() {
        return walletRows(false);
    }

    /** {@return the existing wallets this batch changes, by id} */
    List<WalletRow> changedWallets() {
        return walletRows(true);
    }

    /** {@return the batch's last position in each partition it touches} */
    Collection<LogPosition> lastPositions() {
        return lastPositions.values();
    }

    private List<WalletRow> walletRows(boolean stored) {
        return wallets.values().stream()
                .filter(wallet -> wallet.changed() && wallet.stored() == stored)
                .map(PlannedWallet::row)
                .sorted(Comparator.comparing(WalletRow::walletId))
                .toList();
    }

    private void add(LoggedEvent logged, Map<WalletId, StoredWallet> stored) {
        WalletEvent event = logged.event();
        PlannedWallet wallet = wallets.computeIfAbsent(event.walletId(), id -> PlannedWallet.of(id, stored.get(id)));
        lastPositions.put(logged.position().partition(), logged.position());
        if (event.sequence() <= wallet.storedLastSequence) {
            storedRepeats.add(event);
            repeatCount++;
        } else if (wallet.isRepeatWithinBatch(event)) {
            repeatCount++;
        } else {
            newTransactions.add(wallet.apply(event));
        }
    }

    /** One wallet's state while the batch is applied to it. */
    private static final class PlannedWallet {

        private final Wallet wallet;
        private final long storedLastSequence;
        private final Map<Long, WalletEvent> batchEvents = new HashMap<>();
        private Instant openedAt;

        private PlannedWallet(Wallet wallet, long storedLastSequence) {
            this.wallet = wallet;
            this.storedLastSequence = storedLastSequence;
        }

        static PlannedWallet of(WalletId id, StoredWallet stored) {
            if (stored == null) {
                return new PlannedWallet(Wallet.unopened(id), 0);
            }
            // Repeats at or behind the stored sequence are checked against the stored rows instead.
            Wallet restored = Wallet.atBalance(id, stored.balanceCents(), stored.lastSequence());
            return new PlannedWallet(restored, stored.lastSequence());
        }

        boolean stored() {
            return storedLastSequence > 0;
        }

        boolean changed() {
            return !batchEvents.isEmpty();
        }

        boolean isRepeatWithinBatch(WalletEvent event) {
            if (event.sequence() > wallet.lastSequence()) {
                return false;
            }
            WalletEvent earlier = batchEvents.get(event.sequence());
            if (!event.equals(earlier)) {
                throw new IllegalStateException("event " + event.eventId() + " of wallet " + wallet.id()
                        + " at sequence " + event.sequence() + " is behind the wallet's last sequence "
                        + wallet.lastSequence() + " but is not the event this batch holds there: " + earlier);
            }
            return true;
        }

        TransactionRow apply(WalletEvent event) {
            if (!wallet.applyDurable(event)) {
                throw new IllegalStateException("event " + event.eventId() + " was taken for new but is a repeat");
            }
            batchEvents.put(event.sequence(), event);
            if (event instanceof WalletOpened) {
                openedAt = event.occurredAt();
            }
            return TransactionRow.of(event, wallet.balanceCents());
        }

        WalletRow row() {
            return new WalletRow(wallet.id().value(), wallet.balanceCents(), wallet.lastSequence(), openedAt,
                    storedLastSequence);
        }
    }
}
