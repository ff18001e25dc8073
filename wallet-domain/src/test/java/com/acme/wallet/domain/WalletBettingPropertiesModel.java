package com.acme.wallet.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The test's own account of a wallet's money, for {@link WalletBettingPropertiesTest}: a ledger
 * computed from the durable events, what the wallet must answer to a request, and a store that
 * answers a forgetful wallet's questions from the durable entries.
 *
 * <p>None of it calls {@link Wallet}: the rules are written again here from the issue, plainly, so
 * that a slip in the wallet's bookkeeping (its rounds, its in-flight sums, its memory) shows as a
 * difference instead of being copied into the expectation.
 */
final class WalletBettingPropertiesModel {

    private WalletBettingPropertiesModel() {}

    /** What the durable events say of one round, counted from its legs. */
    static final class RoundState {
        int standingBets;
        int standingWins;
        boolean closed;
        long lastSequence;

        RoundState copy() {
            RoundState copy = new RoundState();
            copy.standingBets = standingBets;
            copy.standingWins = standingWins;
            copy.closed = closed;
            copy.lastSequence = lastSequence;
            return copy;
        }
    }

    /**
     * A ledger built by applying a wallet's events in log order, checking every money rule on the
     * way: it fails (with the script) on the first event that breaks one, so that applying the
     * durable events and then each event in flight in turn checks every prefix that could end up
     * durable.
     */
    static final class Ledger {
        final WalletId walletId;
        long balanceCents;
        long lastSequence;
        /** Every outcome, by reference, in sequence order. */
        final LinkedHashMap<Reference, LedgerEntry> entries = new LinkedHashMap<>();
        /** Every rollback, by the reference it names as its original. */
        final Map<Reference, RolledBack> rollbackOf = new HashMap<>();
        final Map<RoundId, RoundState> rounds = new HashMap<>();
        /** The balance right after each sequence, the opening's included. */
        final Map<Long, Long> balanceAfter = new HashMap<>();
        private final Supplier<String> context;

        Ledger(WalletId walletId, long openingCents, long openingSequence, Supplier<String> context) {
            this.walletId = walletId;
            this.balanceCents = openingCents;
            this.lastSequence = openingSequence;
            this.context = context;
            balanceAfter.put(openingSequence, openingCents);
        }

        Ledger copy() {
            Ledger copy = new Ledger(walletId, balanceCents, lastSequence, context);
            copy.entries.putAll(entries);
            copy.rollbackOf.putAll(rollbackOf);
            rounds.forEach((id, round) -> copy.rounds.put(id, round.copy()));
            copy.balanceAfter.putAll(balanceAfter);
            return copy;
        }

        RoundState round(RoundId roundId) {
            RoundState round = rounds.get(roundId);
            return round == null ? new RoundState() : round;
        }

        /** {@return whether a rollback names this reference although it has no outcome of its own} */
        boolean isTombstoned(Reference reference) {
            return !entries.containsKey(reference) && rollbackOf.containsKey(reference);
        }

        void apply(ReferencedEvent event) {
            Reference reference = event.reference();
            require(event.walletId().equals(walletId), "event %s is of another wallet", event);
            require(event.sequence() == lastSequence + 1, "event %s does not follow sequence %s", event, lastSequence);
            require(!entries.containsKey(reference), "reference %s has two entries: %s and %s", reference,
                    entries.get(reference), event);
            require(!rollbackOf.containsKey(reference), "reference %s, tombstoned by %s, got the entry %s", reference,
                    rollbackOf.get(reference), event);
            long after = balanceCents + event.balanceDeltaCents();
            require(after >= 0 && after <= Wallet.MAX_BALANCE_CENTS, "%s takes the balance from %s to %s", event,
                    balanceCents, after);
            if (event instanceof BetPlaced bet) {
                RoundState round = roundToChange(bet.request().roundId());
                require(!round.closed, "bet %s placed into closed round %s", reference, bet.request().roundId());
                round.standingBets++;
                round.closed |= bet.request().closesRound();
                round.lastSequence = bet.sequence();
            } else if (event instanceof WinPaid win) {
                RoundState round = roundToChange(win.request().roundId());
                require(!round.closed, "win %s paid into closed round %s", reference, win.request().roundId());
                require(round.standingBets > 0, "win %s paid into round %s without a standing bet", reference,
                        win.request().roundId());
                round.standingWins++;
                round.closed |= win.request().closesRound();
                round.lastSequence = win.sequence();
            } else if (event instanceof RolledBack rollback) {
                applyRollback(rollback);
            } else if (event instanceof RequestRefused refusal) {
                checkRefusal(refusal);
            }
            balanceCents = after;
            lastSequence = event.sequence();
            entries.put(reference, new LedgerEntry(event, after));
            balanceAfter.put(lastSequence, after);
        }

        private RoundState roundToChange(RoundId roundId) {
            return rounds.computeIfAbsent(roundId, absent -> new RoundState());
        }

        private void applyRollback(RolledBack rollback) {
            Reference originalReference = rollback.originalReference();
            require(!rollbackOf.containsKey(originalReference), "%s rolls back %s a second time, after %s",
                    rollback.reference(), originalReference, rollbackOf.get(originalReference));
            LedgerEntry original = entries.get(originalReference);
            ReferencedEvent originalEvent = original == null ? null : original.event();
            RollbackEffect effect = rollback.effect();
            if (effect instanceof RollbackEffect.RefundBet refund) {
                require(originalEvent instanceof BetPlaced bet && bet.request().roundId().equals(refund.roundId())
                        && bet.amount().equals(refund.amount()), "%s refunds %s, which is no such bet", rollback,
                        originalEvent);
                RoundState round = roundToChange(refund.roundId());
                require(round.standingWins == 0, "%s refunds a bet of round %s, which has %s standing wins",
                        rollback.reference(), refund.roundId(), round.standingWins);
                round.standingBets--;
                require(round.standingBets >= 0, "round %s has %s standing bets", refund.roundId(),
                        round.standingBets);
                round.lastSequence = rollback.sequence();
            } else if (effect instanceof RollbackEffect.ReclaimWin reclaim) {
                require(originalEvent instanceof WinPaid win && win.request().roundId().equals(reclaim.roundId())
                        && win.amount().equals(reclaim.amount()), "%s reclaims %s, which is no such win", rollback,
                        originalEvent);
                RoundState round = roundToChange(reclaim.roundId());
                round.standingWins--;
                require(round.standingWins >= 0, "round %s has %s standing wins", reclaim.roundId(),
                        round.standingWins);
                round.lastSequence = rollback.sequence();
            } else if (rollback.isTombstone()) {
                require(originalEvent == null, "%s is a tombstone of %s, which has the entry %s", rollback.reference(),
                        originalReference, originalEvent);
            } else {
                require(originalEvent instanceof RequestRefused refused
                        && (refused.request() instanceof BetRequest || refused.request() instanceof WinRequest),
                        "%s rolls back %s as a refused bet or win, which it is not", rollback, originalEvent);
            }
            rollbackOf.put(originalReference, rollback);
        }

        /** A refusal is recorded for good, so its reason must hold where it stands in the log. */
        private void checkRefusal(RequestRefused refusal) {
            WalletRequest request = refusal.request();
            RefusalCode code = refusal.code();
            require(refusal.balanceCents() <= balanceCents, "%s shows %s spendable of a balance of %s", refusal,
                    refusal.balanceCents(), balanceCents);
            if (request instanceof BetRequest bet) {
                RoundState round = round(bet.roundId());
                require(code == RefusalCode.ROUND_CLOSED ? round.closed
                        : code == RefusalCode.INSUFFICIENT_FUNDS && !round.closed
                                && bet.amount().cents() > refusal.balanceCents(), "bet refused for no reason: %s",
                        refusal);
            } else if (request instanceof WinRequest win) {
                RoundState round = round(win.roundId());
                require(code == RefusalCode.ROUND_CLOSED ? round.closed
                        : code == RefusalCode.ROUND_NOT_FOUND ? !round.closed && round.standingBets == 0
                        : code == RefusalCode.BALANCE_LIMIT_EXCEEDED && !round.closed && round.standingBets > 0,
                        "win refused for no reason: %s", refusal);
            } else if (request instanceof RollbackRequest rollback) {
                checkRollbackRefusal(refusal, rollback);
            } else if (request instanceof FundsRequest funds) {
                require(funds.operation() == FundsOperation.REMOVE
                        ? code == RefusalCode.INSUFFICIENT_FUNDS && funds.amount().cents() > refusal.balanceCents()
                        : code == RefusalCode.BALANCE_LIMIT_EXCEEDED,
                        "funds change refused for no reason: %s", refusal);
            }
        }

        private void checkRollbackRefusal(RequestRefused refusal, RollbackRequest rollback) {
            Reference originalReference = rollback.originalReference();
            boolean rolledBack = rollbackOf.containsKey(originalReference);
            LedgerEntry original = entries.get(originalReference);
            ReferencedEvent event = original == null ? null : original.event();
            boolean reason = switch (refusal.code()) {
                case ALREADY_ROLLED_BACK -> rolledBack;
                case NOT_ROLLBACKABLE -> !rolledBack && (event instanceof FundsChanged || event instanceof RolledBack
                        || event instanceof RequestRefused refused && (refused.request() instanceof RollbackRequest
                                || refused.request() instanceof FundsRequest));
                case BET_ALREADY_SETTLED -> !rolledBack && event instanceof BetPlaced bet
                        && round(bet.request().roundId()).standingWins > 0;
                case BALANCE_LIMIT_EXCEEDED -> !rolledBack && event instanceof BetPlaced bet
                        && round(bet.request().roundId()).standingWins == 0;
                case INSUFFICIENT_FUNDS -> !rolledBack && event instanceof WinPaid win
                        && win.amount().cents() > refusal.balanceCents();
                default -> false;
            };
            require(reason, "rollback refused for no reason: %s of %s", refusal, event);
        }

        void require(boolean condition, String format, Object... arguments) {
            if (!condition) {
                fail(format, arguments);
            }
        }

        private void fail(String format, Object... arguments) {
            throw new AssertionError("money rule broken: " + String.format(format, arguments) + "\n" + context.get());
        }
    }

    /**
     * What a wallet must answer to a request: exactly {@code decision}, or a
     * {@link Decision.DecideAfter} of one of the changes in flight it depends on.
     *
     * @param decision the answer, null if only waiting is right
     * @param dependencies the sequences of the changes in flight the request depends on
     */
    record Expected(Decision<?> decision, Set<Long> dependencies) {

        boolean allows(Decision<?> actual) {
            return actual.equals(decision)
                    || actual instanceof Decision.DecideAfter<?> after && dependencies.contains(after.sequence());
        }
    }

    /** What is in flight, in the terms the rules speak of. */
    private static final class InFlight {
        final Map<Reference, ReferencedEvent> byReference = new HashMap<>();
        final Map<Reference, RolledBack> rollbackOf = new HashMap<>();
        final Map<RoundId, Long> legOfRound = new HashMap<>();
        long debitCents;
        long creditCents;
        long lastSequence;

        InFlight(Ledger durable, List<ReferencedEvent> events) {
            lastSequence = durable.lastSequence;
            for (ReferencedEvent event : events) {
                byReference.put(event.reference(), event);
                if (event.balanceDeltaCents() < 0) {
                    debitCents -= event.balanceDeltaCents();
                } else {
                    creditCents += event.balanceDeltaCents();
                }
                if (event instanceof RolledBack rollback) {
                    rollbackOf.put(rollback.originalReference(), rollback);
                }
                roundTouched(event).ifPresent(round -> legOfRound.put(round, event.sequence()));
                lastSequence = event.sequence();
            }
        }
    }

    /** {@return the round whose standing legs an event changes} */
    static Optional<RoundId> roundTouched(ReferencedEvent event) {
        if (event instanceof BetPlaced bet) {
            return Optional.of(bet.request().roundId());
        }
        if (event instanceof WinPaid win) {
            return Optional.of(win.request().roundId());
        }
        if (event instanceof RolledBack rollback && rollback.effect() instanceof RollbackEffect.RefundBet refund) {
            return Optional.of(refund.roundId());
        }
        if (event instanceof RolledBack rollback && rollback.effect() instanceof RollbackEffect.ReclaimWin reclaim) {
            return Optional.of(reclaim.roundId());
        }
        return Optional.empty();
    }

    /** Whether a request under a reference asks for the change an earlier request under it asked for. */
    static boolean sameRequest(WalletRequest earlier, WalletRequest later) {
        if (earlier instanceof BetRequest a && later instanceof BetRequest b) {
            return a.roundId().equals(b.roundId()) && a.amount().equals(b.amount())
                    && a.closesRound() == b.closesRound();
        }
        if (earlier instanceof WinRequest a && later instanceof WinRequest b) {
            return a.roundId().equals(b.roundId()) && a.amount().equals(b.amount())
                    && a.closesRound() == b.closesRound();
        }
        if (earlier instanceof RollbackRequest a && later instanceof RollbackRequest b) {
            return a.originalReference().equals(b.originalReference());
        }
        return earlier instanceof FundsRequest a && later instanceof FundsRequest b && a.operation() == b.operation()
                && a.amount().equals(b.amount());
    }

    /**
     * What the wallet must answer to a request, from the rules alone.
     *
     * @param durable the ledger of the durable events
     * @param inFlight the events decided and not yet durable, in sequence order
     */
    static Expected expect(WalletRequest request, EventStamp stamp, Ledger durable, List<ReferencedEvent> inFlight) {
        InFlight flying = new InFlight(durable, inFlight);
        if (request instanceof FundsRequest funds) {
            return expectFunds(funds, stamp, durable, flying);
        }
        Reference reference = request.reference();
        ReferencedEvent sameReference = flying.byReference.get(reference);
        if (sameReference != null) {
            return exactly(sameRequest(sameReference.request(), request)
                    ? new Decision.AwaitInFlight<>(sameReference.sequence())
                    : settled(new BettingOutcome.ReferenceConflict(durable.walletId, reference)));
        }
        Decision<?> known = knownOutcome(request, durable);
        Set<Long> dependencies = dependencies(request, durable, flying);
        if (!dependencies.isEmpty()) {
            // A reference with an outcome may be answered at once or once the change it waits for is settled.
            return new Expected(known, dependencies);
        }
        return exactly(known != null ? known : decideNew(request, stamp, durable, flying));
    }

    private static Expected expectFunds(FundsRequest funds, EventStamp stamp, Ledger durable, InFlight flying) {
        WalletId walletId = durable.walletId;
        Reference reference = funds.reference();
        ReferencedEvent sameReference = flying.byReference.get(reference);
        if (sameReference != null) {
            return exactly(sameRequest(sameReference.request(), funds)
                    ? new Decision.AwaitInFlight<>(sameReference.sequence())
                    : settled(new ChangeOutcome.ReferenceConflict(walletId, reference)));
        }
        LedgerEntry entry = durable.entries.get(reference);
        Decision<?> known = null;
        if (entry != null) {
            if (!sameRequest(entry.event().request(), funds)) {
                known = settled(new ChangeOutcome.ReferenceConflict(walletId, reference));
            } else {
                known = settled(entry.event() instanceof FundsChanged change
                        ? new ChangeOutcome.Replayed(AppliedChange.of(change, entry.balanceAfterCents()))
                        : new ChangeOutcome.Refused(entry, true));
            }
        } else if (durable.isTombstoned(reference)) {
            known = settled(new ChangeOutcome.ReferenceConflict(walletId, reference));
        }
        RolledBack rollbackInFlight = flying.rollbackOf.get(reference);
        if (rollbackInFlight != null) {
            // A reference with an outcome may be answered at once or once the rollback naming it is settled.
            return new Expected(known, Set.of(rollbackInFlight.sequence()));
        }
        if (known != null) {
            return exactly(known);
        }
        long availableCents = durable.balanceCents - flying.debitCents;
        long roomCents = Wallet.MAX_BALANCE_CENTS - durable.balanceCents - flying.creditCents;
        if (funds.operation() == FundsOperation.REMOVE && funds.amount().cents() > availableCents) {
            return exactly(new Decision.Append<>(new RequestRefused(stamp.eventId(), walletId, flying.lastSequence + 1,
                    funds, RefusalCode.INSUFFICIENT_FUNDS, availableCents, stamp.occurredAt())));
        }
        if (funds.operation() == FundsOperation.ADD && funds.amount().cents() > roomCents) {
            return exactly(new Decision.Append<>(new RequestRefused(stamp.eventId(), walletId, flying.lastSequence + 1,
                    funds, RefusalCode.BALANCE_LIMIT_EXCEEDED, availableCents, stamp.occurredAt())));
        }
        return exactly(new Decision.Append<>(new FundsChanged(stamp.eventId(), walletId, flying.lastSequence + 1,
                funds.operation(), funds.amount(), reference, stamp.occurredAt())));
    }

    /** {@return the answer to a reference that already has its final outcome, null if it has none} */
    private static Decision<?> knownOutcome(WalletRequest request, Ledger durable) {
        Reference reference = request.reference();
        LedgerEntry entry = durable.entries.get(reference);
        if (entry != null) {
            return settled(sameRequest(entry.event().request(), request)
                    ? new BettingOutcome.Recorded(entry, true)
                    : new BettingOutcome.ReferenceConflict(durable.walletId, reference));
        }
        RolledBack tombstone = durable.rollbackOf.get(reference);
        return tombstone == null ? null
                : settled(new BettingOutcome.RolledBackBefore(durable.walletId, reference, tombstone.reference()));
    }

    /**
     * The changes in flight a betting request must wait for: a rollback naming it, and for a rollback
     * its original or another rollback of it in flight, or a leg in flight in the original's round; for a
     * bet or a win, a leg in flight in its round.
     */
    private static Set<Long> dependencies(WalletRequest request, Ledger durable, InFlight flying) {
        Set<Long> dependencies = new TreeSet<>();
        RolledBack rollbackOfThis = flying.rollbackOf.get(request.reference());
        if (rollbackOfThis != null) {
            dependencies.add(rollbackOfThis.sequence());
        }
        Optional<RoundId> round = Optional.empty();
        if (request instanceof RollbackRequest rollback) {
            Reference original = rollback.originalReference();
            if (flying.byReference.containsKey(original)) {
                dependencies.add(flying.byReference.get(original).sequence());
            }
            if (flying.rollbackOf.containsKey(original)) {
                dependencies.add(flying.rollbackOf.get(original).sequence());
            }
            LedgerEntry entry = durable.entries.get(original);
            if (entry != null) {
                round = roundTouched(entry.event());
            }
        } else if (request instanceof BetRequest bet) {
            round = Optional.of(bet.roundId());
        } else if (request instanceof WinRequest win) {
            round = Optional.of(win.roundId());
        }
        round.map(flying.legOfRound::get).ifPresent(dependencies::add);
        return dependencies;
    }

    private static Decision<?> decideNew(WalletRequest request, EventStamp stamp, Ledger durable, InFlight flying) {
        long availableCents = durable.balanceCents - flying.debitCents;
        long roomCents = Wallet.MAX_BALANCE_CENTS - durable.balanceCents - flying.creditCents;
        long sequence = flying.lastSequence + 1;
        WalletId walletId = durable.walletId;
        RefusalCode refusal = null;
        ReferencedEvent event = null;
        if (request instanceof BetRequest bet) {
            RoundState round = durable.round(bet.roundId());
            refusal = round.closed ? RefusalCode.ROUND_CLOSED
                    : bet.amount().cents() > availableCents ? RefusalCode.INSUFFICIENT_FUNDS : null;
            event = new BetPlaced(stamp.eventId(), walletId, sequence, bet, stamp.occurredAt());
        } else if (request instanceof WinRequest win) {
            RoundState round = durable.round(win.roundId());
            refusal = round.closed ? RefusalCode.ROUND_CLOSED
                    : round.standingBets == 0 ? RefusalCode.ROUND_NOT_FOUND
                    : win.amount().cents() > roomCents ? RefusalCode.BALANCE_LIMIT_EXCEEDED : null;
            event = new WinPaid(stamp.eventId(), walletId, sequence, win, stamp.occurredAt());
        } else {
            RollbackRequest rollback = (RollbackRequest) request;
            LedgerEntry original = durable.entries.get(rollback.originalReference());
            ReferencedEvent originalEvent = original == null ? null : original.event();
            RollbackEffect effect = null;
            if (durable.rollbackOf.containsKey(rollback.originalReference())) {
                refusal = RefusalCode.ALREADY_ROLLED_BACK;
            } else if (originalEvent == null) {
                effect = new RollbackEffect.NothingToRollBack(RollbackEffect.OriginalOutcome.UNKNOWN);
            } else if (originalEvent instanceof RequestRefused refused) {
                boolean leg = refused.request() instanceof BetRequest || refused.request() instanceof WinRequest;
                effect = leg ? new RollbackEffect.NothingToRollBack(RollbackEffect.OriginalOutcome.REJECTED) : null;
                refusal = leg ? null : RefusalCode.NOT_ROLLBACKABLE;
            } else if (originalEvent instanceof BetPlaced bet) {
                refusal = durable.round(bet.request().roundId()).standingWins > 0 ? RefusalCode.BET_ALREADY_SETTLED
                        : bet.amount().cents() > roomCents ? RefusalCode.BALANCE_LIMIT_EXCEEDED : null;
                effect = new RollbackEffect.RefundBet(bet.request().roundId(), bet.amount());
            } else if (originalEvent instanceof WinPaid win) {
                refusal = win.amount().cents() > availableCents ? RefusalCode.INSUFFICIENT_FUNDS : null;
                effect = new RollbackEffect.ReclaimWin(win.request().roundId(), win.amount());
            } else {
                refusal = RefusalCode.NOT_ROLLBACKABLE;
            }
            event = refusal != null ? null
                    : new RolledBack(stamp.eventId(), walletId, sequence, rollback, effect, stamp.occurredAt());
        }
        if (refusal != null) {
            event = new RequestRefused(stamp.eventId(), walletId, sequence, request, refusal, availableCents,
                    stamp.occurredAt());
        }
        return new Decision.Append<>(event);
    }

    private static Expected exactly(Decision<?> decision) {
        return new Expected(decision, Set.of());
    }

    private static <O> Decision<O> settled(O outcome) {
        return new Decision.Settled<>(outcome);
    }

    /**
     * Events that break a money rule if appended after the durable ones: what a log this service did
     * not write might hold. Each is named by the rule it breaks, and only those the ledger's state
     * allows are made (a refund after a win needs a round with both).
     */
    static Map<String, ReferencedEvent> forgeries(Ledger durable) {
        Map<String, ReferencedEvent> forged = new LinkedHashMap<>();
        WalletId walletId = durable.walletId;
        long sequence = durable.lastSequence + 1;
        Reference fresh = Reference.of("forged");
        java.time.Instant time = java.time.Instant.EPOCH;
        java.util.UUID eventId = new java.util.UUID(1, sequence);
        durable.rounds.forEach((roundId, round) -> {
            if (round.closed) {
                forged.putIfAbsent("bet into a closed round", new BetPlaced(eventId, walletId, sequence,
                        new BetRequest(fresh, roundId, Amount.ofCents(1), false, Metadata.NONE), time));
            }
            if (round.standingBets > 0 && round.standingWins == 0) {
                forged.putIfAbsent("refund of a bet never placed", new RolledBack(eventId, walletId, sequence,
                        new RollbackRequest(fresh, Reference.of("never-placed")),
                        new RollbackEffect.RefundBet(roundId, Amount.ofCents(1)), time));
            }
            if (round.standingWins > 0 && durable.balanceCents > 0) {
                forged.putIfAbsent("reclaim of a win never paid", new RolledBack(eventId, walletId, sequence,
                        new RollbackRequest(fresh, Reference.of("never-paid")),
                        new RollbackEffect.ReclaimWin(roundId, Amount.ofCents(1)), time));
            }
            if (round.closed || round.standingBets == 0) {
                forged.putIfAbsent("win without a standing bet or into a closed round", new WinPaid(eventId, walletId,
                        sequence, new WinRequest(fresh, roundId, Amount.ZERO, false, Metadata.NONE), time));
            }
        });
        for (LedgerEntry entry : durable.entries.values()) {
            Reference reference = entry.reference();
            forged.putIfAbsent("second entry under a reference", new FundsChanged(eventId, walletId, sequence,
                    FundsOperation.ADD, Amount.positive(1), reference, time));
            if (entry.event() instanceof BetPlaced bet && !durable.rollbackOf.containsKey(reference)
                    && durable.round(bet.request().roundId()).standingWins > 0) {
                forged.putIfAbsent("refund of a bet whose round has a standing win", new RolledBack(eventId, walletId,
                        sequence, new RollbackRequest(fresh, reference),
                        new RollbackEffect.RefundBet(bet.request().roundId(), bet.amount()), time));
            }
            if (!durable.rollbackOf.containsKey(reference)) {
                forged.putIfAbsent("tombstone of a reference with an entry", new RolledBack(eventId, walletId,
                        sequence, new RollbackRequest(fresh, reference),
                        new RollbackEffect.NothingToRollBack(RollbackEffect.OriginalOutcome.UNKNOWN), time));
            }
        }
        for (Reference original : durable.rollbackOf.keySet()) {
            forged.putIfAbsent("second rollback of an original", new RolledBack(eventId, walletId, sequence,
                    new RollbackRequest(fresh, original),
                    new RollbackEffect.NothingToRollBack(RollbackEffect.OriginalOutcome.UNKNOWN), time));
            if (durable.isTombstoned(original)) {
                forged.putIfAbsent("entry under a tombstoned reference", new FundsChanged(eventId, walletId,
                        sequence, FundsOperation.ADD, Amount.positive(1), original, time));
            }
        }
        if (durable.balanceCents < Amount.MAX_CENTS) {
            forged.put("debit below zero", new FundsChanged(eventId, walletId, sequence, FundsOperation.REMOVE,
                    Amount.positive(durable.balanceCents + 1), fresh, time));
        }
        long roomCents = Wallet.MAX_BALANCE_CENTS - durable.balanceCents;
        if (roomCents < Amount.MAX_CENTS) {
            forged.put("credit above the maximum", new FundsChanged(eventId, walletId, sequence, FundsOperation.ADD,
                    Amount.positive(roomCents + 1), fresh, time));
        }
        return forged;
    }

    /**
     * The store a forgetful wallet asks: every durable entry, as the ledger holds it, which is what a
     * store fed from the log holds once it has caught up.
     */
    static final class Store {
        private final Ledger durable;

        Store(Ledger durable) {
            this.durable = durable;
        }

        /**
         * Answers a recall as of a sequence: the entries of the references asked and the rollbacks
         * naming them, and the round counted up to the sequence the wallet asked for.
         */
        Recalled answer(Recall recall, long coversThrough) {
            List<LedgerEntry> asked = new ArrayList<>();
            for (LedgerEntry entry : durable.entries.values()) {
                boolean named = recall.references().contains(entry.reference())
                        || entry.event() instanceof RolledBack rollback
                                && recall.references().contains(rollback.originalReference());
                if (named && entry.sequence() <= coversThrough) {
                    asked.add(entry);
                }
            }
            Optional<RoundSummary> round = recall.round().map(roundId -> summary(roundId, recall.roundThrough()));
            round.ifPresent(summary -> {
                // The summary an in-memory store makes with the domain's own helper must be the same.
                RoundSummary domainSummary = RoundSummary.of(summary.roundId(), summary.through(),
                        durable.entries.values());
                durable.require(domainSummary.equals(summary), "RoundSummary.of counted %s, the model %s",
                        domainSummary, summary);
            });
            return new Recalled(recall, coversThrough, asked, round);
        }

        /** {@return the round's legs up to a sequence, counted from the entries} */
        RoundSummary summary(RoundId roundId, long through) {
            int bets = 0;
            int wins = 0;
            boolean closed = false;
            long last = 0;
            for (LedgerEntry entry : durable.entries.values()) {
                ReferencedEvent event = entry.event();
                if (event.sequence() > through || !roundTouched(event).equals(Optional.of(roundId))) {
                    continue;
                }
                last = Math.max(last, event.sequence());
                if (event instanceof BetPlaced bet) {
                    bets++;
                    closed |= bet.request().closesRound();
                } else if (event instanceof WinPaid win) {
                    wins++;
                    closed |= win.request().closesRound();
                } else if (((RolledBack) event).effect() instanceof RollbackEffect.RefundBet) {
                    bets--;
                } else {
                    wins--;
                }
            }
            return new RoundSummary(roundId, through, bets, wins, closed, last);
        }
    }
}
