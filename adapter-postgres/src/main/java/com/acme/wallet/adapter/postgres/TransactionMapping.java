package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BetPlaced;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsRequest;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RollbackEffect;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import com.acme.wallet.domain.WalletRequest;
import com.acme.wallet.domain.WinPaid;
import com.acme.wallet.domain.WinRequest;
import java.time.Instant;

/**
 * How each event becomes a row of {@code transactions}, and the row its event again: both ways in
 * one place, so that a reader sees that they mirror each other. The V2 migration's CHECKs state
 * the same rules from the database's side.
 *
 * <p>A row is read back into exactly the event it was written from (equal by {@code equals}); a
 * row that would not be is refused with an {@link IllegalStateException}, not mended.
 */
final class TransactionMapping {

    private TransactionMapping() {}

    /** {@return the columns that make the event what it is} */
    static EventIdentity identity(WalletEvent event) {
        if (event instanceof WalletOpened opened) {
            return new EventIdentity(opened.walletId().value(), opened.sequence(), opened.eventId(),
                    TransactionKind.OPEN, TransactionOutcome.APPLIED, null, opened.amount().cents(),
                    opened.amount().cents(), null, null, null, null, null, null, null, null);
        }
        ReferencedEvent change = (ReferencedEvent) event;
        Columns columns = Columns.ofRequest(change.request());
        TransactionOutcome outcome = TransactionOutcome.APPLIED;
        if (change instanceof RolledBack rollback) {
            columns.rollback(rollback.effect());
            outcome = rollback.isTombstone() ? TransactionOutcome.TOMBSTONE : TransactionOutcome.APPLIED;
        } else if (change instanceof RequestRefused refused) {
            columns.refusal(refused);
            outcome = TransactionOutcome.REJECTED;
        }
        return new EventIdentity(change.walletId().value(), change.sequence(), change.eventId(), columns.kind,
                outcome, change.reference().value(), columns.amountCents, change.balanceDeltaCents(),
                columns.roundId, columns.closesRound, columns.metadata, columns.originalReference,
                columns.rollbackEffect, columns.originalOutcome, columns.refusalCode, columns.shownBalanceCents);
    }

    /**
     * Rebuilds the event a row was written from.
     *
     * @param row a stored row
     * @return the event
     * @throws IllegalStateException if the row is not one this mapping writes
     */
    static WalletEvent event(TransactionRow row) {
        EventIdentity columns = row.identity();
        WalletEvent event;
        try {
            event = rebuild(columns, row.occurredAt());
        } catch (RuntimeException unreadable) {
            throw new IllegalStateException("stored transaction " + columns + " is no event: "
                    + unreadable.getMessage(), unreadable);
        }
        // The data after reading, checked: a row that an event would not write (a rollback stored as
        // applied that is a tombstone, a delta its event does not move) is not taken for the event.
        EventIdentity written = identity(event);
        if (!written.equals(columns)) {
            throw new IllegalStateException("stored transaction " + columns + " reads back as " + event
                    + ", which is stored as " + written);
        }
        return event;
    }

    /**
     * Rebuilds the ledger entry of a row with a reference.
     *
     * @param row a stored row, not an opening
     * @return the entry, equal to the one the writer held
     * @throws IllegalStateException if the row is an opening, or not one this mapping writes
     */
    static LedgerEntry entry(TransactionRow row) {
        if (!(event(row) instanceof ReferencedEvent change)) {
            throw new IllegalStateException("an opening has no ledger entry: " + row);
        }
        return new LedgerEntry(change, row.balanceAfterCents());
    }

    private static WalletEvent rebuild(EventIdentity columns, Instant occurredAt) {
        WalletId wallet = WalletId.of(columns.walletId());
        if (columns.kind() == TransactionKind.OPEN) {
            return new WalletOpened(columns.eventId(), wallet, columns.sequence(),
                    Amount.ofCents(columns.amountCents()), occurredAt);
        }
        WalletRequest request = request(columns);
        if (columns.outcome() == TransactionOutcome.REJECTED) {
            return new RequestRefused(columns.eventId(), wallet, columns.sequence(), request, columns.refusalCode(),
                    columns.shownBalanceCents(), occurredAt);
        }
        if (request instanceof FundsRequest funds) {
            return new FundsChanged(columns.eventId(), wallet, columns.sequence(), funds.operation(), funds.amount(),
                    funds.reference(), occurredAt);
        }
        if (request instanceof BetRequest bet) {
            return new BetPlaced(columns.eventId(), wallet, columns.sequence(), bet, occurredAt);
        }
        if (request instanceof WinRequest win) {
            return new WinPaid(columns.eventId(), wallet, columns.sequence(), win, occurredAt);
        }
        return new RolledBack(columns.eventId(), wallet, columns.sequence(), (RollbackRequest) request,
                rollbackEffect(columns), occurredAt);
    }

    /** The request of a row with a reference: what was asked, whatever became of it. */
    private static WalletRequest request(EventIdentity columns) {
        Reference reference = Reference.of(columns.reference());
        Amount amount = Amount.ofCents(columns.amountCents());
        return switch (columns.kind()) {
            case ADD, REMOVE -> new FundsRequest(columns.kind().operation(), amount, reference);
            case BET -> new BetRequest(reference, RoundId.of(columns.roundId()), amount, columns.closesRound(),
                    columns.metadata());
            case WIN -> new WinRequest(reference, RoundId.of(columns.roundId()), amount, columns.closesRound(),
                    columns.metadata());
            case ROLLBACK -> new RollbackRequest(reference, Reference.of(columns.originalReference()));
            case OPEN -> throw new IllegalStateException("an opening is no request");
        };
    }

    private static RollbackEffect rollbackEffect(EventIdentity columns) {
        StoredRollbackEffect effect = columns.rollbackEffect();
        if (effect == null) {
            throw new IllegalStateException("a rollback that was not refused has no effect stored");
        }
        return switch (effect) {
            case REFUND_BET -> new RollbackEffect.RefundBet(RoundId.of(columns.roundId()),
                    Amount.ofCents(columns.amountCents()));
            case RECLAIM_WIN -> new RollbackEffect.ReclaimWin(RoundId.of(columns.roundId()),
                    Amount.ofCents(columns.amountCents()));
            case NOTHING_TO_ROLL_BACK -> new RollbackEffect.NothingToRollBack(columns.originalOutcome());
        };
    }

    /** The columns of a referenced event besides those every row has, gathered as its parts are read. */
    private static final class Columns {

        private TransactionKind kind;
        private long amountCents;
        private String roundId;
        private Boolean closesRound;
        private Metadata metadata;
        private String originalReference;
        private StoredRollbackEffect rollbackEffect;
        private RollbackEffect.OriginalOutcome originalOutcome;
        private RefusalCode refusalCode;
        private Long shownBalanceCents;

        /** What was asked: the kind, the amount (none for a rollback) and the request's own columns. */
        static Columns ofRequest(WalletRequest request) {
            Columns columns = new Columns();
            columns.kind = TransactionKind.of(request);
            if (request instanceof FundsRequest funds) {
                columns.amountCents = funds.amount().cents();
            } else if (request instanceof BetRequest bet) {
                columns.leg(bet.roundId(), bet.amount(), bet.closesRound(), bet.metadata());
            } else if (request instanceof WinRequest win) {
                columns.leg(win.roundId(), win.amount(), win.closesRound(), win.metadata());
            } else {
                columns.originalReference = ((RollbackRequest) request).originalReference().value();
            }
            return columns;
        }

        private void leg(RoundId round, Amount amount, boolean closes, Metadata legMetadata) {
            roundId = round.value();
            amountCents = amount.cents();
            closesRound = closes;
            metadata = legMetadata;
        }

        /** What a rollback did: the amount it moved, and the round of a refund or a reclaim. */
        void rollback(RollbackEffect effect) {
            rollbackEffect = StoredRollbackEffect.of(effect);
            amountCents = effect.amount().cents();
            if (effect instanceof RollbackEffect.RefundBet refund) {
                roundId = refund.roundId().value();
            } else if (effect instanceof RollbackEffect.ReclaimWin reclaim) {
                roundId = reclaim.roundId().value();
            } else {
                originalOutcome = ((RollbackEffect.NothingToRollBack) effect).originalOutcome();
            }
        }

        void refusal(RequestRefused refused) {
            refusalCode = refused.code();
            shownBalanceCents = refused.balanceCents();
        }
    }
}
