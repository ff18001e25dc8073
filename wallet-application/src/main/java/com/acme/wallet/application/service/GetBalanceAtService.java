package com.acme.wallet.application.service;

import com.acme.wallet.application.port.in.BalanceAtAnswer;
import com.acme.wallet.application.port.in.BalanceAtQuery;
import com.acme.wallet.application.port.in.BeforeOpening;
import com.acme.wallet.application.port.in.GetBalanceAtUseCase;
import com.acme.wallet.application.port.in.PastBalance;
import com.acme.wallet.application.port.in.NotInHistory;
import com.acme.wallet.application.port.out.history.HistoryEntry;
import com.acme.wallet.application.port.out.history.StoredHistory;
import com.acme.wallet.domain.WalletId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a wallet's balance at a point of its past from the stored history: every event's row holds
 * the balance right after it, and the opening is sequence 1, so every point since the opening has
 * an answer.
 */
public final class GetBalanceAtService implements GetBalanceAtUseCase {

    private final StoredReads reads;

    GetBalanceAtService(StoredReads reads) {
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    @Override
    public BalanceAtAnswer balanceAt(BalanceAtQuery query) {
        if (query.point() instanceof BalanceAtQuery.AtSequence atSequence) {
            return atSequence(query, atSequence.sequence());
        }
        return atInstant(query, ((BalanceAtQuery.AtInstant) query.point()).at());
    }

    private BalanceAtAnswer atSequence(BalanceAtQuery query, long sequence) {
        WalletId walletId = query.walletId();
        StoredHistory stored = reads.read(walletId, history -> history.entryAt(walletId, sequence));
        Optional<NotInHistory> missing = reads.notInHistory(walletId, stored, Math.max(sequence, query.minSequence()));
        if (missing.isPresent()) {
            return missing.get();
        }
        if (stored.entries().size() != 1 || stored.entries().get(0).sequence() != sequence) {
            throw new IllegalStateException("the entry at sequence " + sequence + " of " + walletId
                    + ", stored through " + stored.storedThroughSequence() + ", read as " + stored.entries());
        }
        HistoryEntry entry = stored.entries().get(0);
        return new PastBalance(walletId, entry.balanceAfterCents(), sequence, entry.event().occurredAt());
    }

    private BalanceAtAnswer atInstant(BalanceAtQuery query, Instant at) {
        WalletId walletId = query.walletId();
        StoredHistory stored = reads.read(walletId, history -> history.lastEntryAt(walletId, at));
        Optional<NotInHistory> missing = reads.notInHistory(walletId, stored, query.minSequence());
        if (missing.isPresent()) {
            return missing.get();
        }
        if (stored.entries().isEmpty()) {
            return new BeforeOpening(walletId, at);
        }
        HistoryEntry entry = stored.entries().get(0);
        if (stored.entries().size() != 1 || entry.event().occurredAt().isAfter(at)) {
            throw new IllegalStateException("the last entry of " + walletId + " at " + at + " read as "
                    + stored.entries());
        }
        return new PastBalance(walletId, entry.balanceAfterCents(), entry.sequence(), at);
    }
}
