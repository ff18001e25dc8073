package com.acme.wallet.application.service;

import com.acme.wallet.application.port.in.GetRoundUseCase;
import com.acme.wallet.application.port.in.NoSuchRound;
import com.acme.wallet.application.port.in.RoundAnswer;
import com.acme.wallet.application.port.in.RoundQuery;
import com.acme.wallet.application.port.in.RoundTooLarge;
import com.acme.wallet.application.port.in.RoundView;
import com.acme.wallet.application.port.in.NotInHistory;
import com.acme.wallet.application.port.out.history.StoredHistory;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;
import java.util.Optional;

/** Reads a round of a wallet from the stored history: its status, its sums and its legs. */
public final class GetRoundService implements GetRoundUseCase {

    /**
     * The most legs and rollbacks one answer reads and shows: a round of a game has a handful, and
     * one with more is paged through the history's {@code roundId} filter instead.
     */
    public static final int MAX_ROUND_ENTRIES = 1_000;

    private final StoredReads reads;

    GetRoundService(StoredReads reads) {
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    @Override
    public RoundAnswer round(RoundQuery query) {
        WalletId walletId = query.walletId();
        RoundId roundId = query.roundId();
        StoredHistory stored = reads.read(walletId, history -> history.round(walletId, roundId, MAX_ROUND_ENTRIES + 1));
        Optional<NotInHistory> missing = reads.notInHistory(walletId, stored, query.minSequence());
        if (missing.isPresent()) {
            return missing.get();
        }
        if (stored.entries().size() > MAX_ROUND_ENTRIES) {
            return new RoundTooLarge(walletId, roundId, MAX_ROUND_ENTRIES);
        }
        if (stored.entries().isEmpty()) {
            return new NoSuchRound(walletId, roundId);
        }
        return RoundView.of(walletId, roundId, stored.entries());
    }
}
