package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Rebuilds wallets from snapshot rows that arrive grouped by wallet and ordered by sequence, so
 * that only one wallet's transactions are held in memory at a time.
 *
 * <p>Money is checked again where it is loaded back: the transactions must start with the opening,
 * every stored balance-after must equal the running sum, and the wallet's balance and last
 * sequence must equal the sum and the last transaction. A stored state that fails this throws
 * {@link IllegalStateException} rather than hand a wrong balance to the service.
 */
final class SnapshotWalletAssembler {

    private final Consumer<Wallet> sink;
    private WalletInProgress current;

    SnapshotWalletAssembler(Consumer<Wallet> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    void accept(SnapshotRow row) {
        if (current == null || !current.walletId.equals(row.walletId())) {
            finish();
            current = new WalletInProgress(row);
        }
        current.add(row.transaction());
    }

    /** Hands over the last wallet; call once every row was accepted. */
    void finish() {
        if (current != null) {
            sink.accept(current.restore());
            current = null;
        }
    }

    /** The transactions read so far of one wallet. */
    private static final class WalletInProgress {

        private final String walletId;
        private final long balanceCents;
        private final long lastSequence;
        private final List<AppliedChange> changes = new ArrayList<>();
        private WalletOpened opening;
        private long runningBalanceCents;
        private long lastRowSequence;

        WalletInProgress(SnapshotRow row) {
            this.walletId = row.walletId();
            this.balanceCents = row.balanceCents();
            this.lastSequence = row.lastSequence();
        }

        void add(TransactionRow row) {
            check(row != null, "wallet %s has no transactions, not even its opening", walletId);
            boolean first = lastRowSequence == 0;
            check(first == (row.kind() == TransactionKind.OPEN), "wallet %s has %s at sequence %s", walletId,
                    row.kind(), row.sequence());
            check(!first || row.sequence() == WalletEvent.FIRST_SEQUENCE, "wallet %s opens at sequence %s",
                    walletId, row.sequence());
            runningBalanceCents = Math.addExact(runningBalanceCents, row.kind().signedCents(row.amountCents()));
            check(row.balanceAfterCents() == runningBalanceCents, "wallet %s stores balance %s after sequence %s "
                    + "but its transactions sum to %s", walletId, row.balanceAfterCents(), row.sequence(),
                    runningBalanceCents);
            lastRowSequence = row.sequence();
            if (first) {
                opening = new WalletOpened(row.eventId(), WalletId.of(row.walletId()), row.sequence(),
                        Amount.ofCents(row.amountCents()), row.occurredAt());
            } else {
                changes.add(appliedChange(row));
            }
        }

        Wallet restore() {
            check(balanceCents == runningBalanceCents, "wallet %s stores balance %s but its transactions sum to %s",
                    walletId, balanceCents, runningBalanceCents);
            check(lastSequence == lastRowSequence, "wallet %s stores last sequence %s but its last transaction is %s",
                    walletId, lastSequence, lastRowSequence);
            return Wallet.restore(opening, balanceCents, lastSequence, changes);
        }

        private static AppliedChange appliedChange(TransactionRow row) {
            return new AppliedChange(row.eventId(), WalletId.of(row.walletId()), Reference.of(row.reference()),
                    row.kind().operation(), Amount.positive(row.amountCents()), row.sequence(),
                    row.balanceAfterCents(), row.occurredAt());
        }

        private static void check(boolean condition, String format, Object... arguments) {
            if (!condition) {
                throw new IllegalStateException("stored wallet invariant broken: " + String.format(format, arguments));
            }
        }
    }
}
