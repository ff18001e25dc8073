package com.acme.wallet.application;

import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.application.port.out.WriterFencedException;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.Decision;
import com.acme.wallet.domain.EventStamp;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.OpenOutcome;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.StoredReference;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The single writer of all wallets: decides every change against in-memory state, appends it to
 * the durable log and answers once the log has confirmed it.
 *
 * <h2>Pipelining</h2>
 * Each wallet has one lock, held only while a request is decided and its event handed to the log,
 * never across the log's round trip. So requests on one wallet are decided in one order, yet many
 * can await the log at once. A wallet applies confirmations in sequence order and a reply is sent
 * when its own change and every earlier change of the wallet are durable, so the balance a reply
 * reports is one the log really holds.
 *
 * <h2>Unknown outcomes</h2>
 * When the log fails an append, that change may or may not be durable, and it may still land in
 * the log later. The wallet is then <em>in doubt</em>: the failed change and every later one in
 * flight answer {@link TemporarilyUnavailableException}, the wallet takes no new writes, and once
 * every append of the wallet has settled it is read back and resumes by itself. Other wallets carry
 * on.
 *
 * <h2>Read-back behind a barrier</h2>
 * Wallets in doubt are read back together, in rounds, on one thread: append a barrier through the
 * log, wait for its confirmation, then read the log once, from the oldest position any of them
 * needs up to the barrier, and apply what it holds to each wallet's own confirmed state. Every
 * append made before the barrier is then either in that read or never in the log, so no late
 * landing can follow the read-back and no sequence number is decided twice. The read needs the log
 * only, not the database that persists it. The same barrier opens {@link #start()}.
 *
 * <h2>Memory</h2>
 * A wallet keeps in memory its balance, its changes not yet stored by the database the log is
 * persisted into, and a window of its latest stored ones. Every {@code forgetInterval} the ledger
 * asks the store how far it holds the wallets over their window and forgets what it holds. A
 * request or lookup whose reference a wallet may have forgotten is answered from the store,
 * outside the wallet's lock; while the store is unreachable it answers "retry later", never a
 * guess. At start every stored change counts as forgotten, so the ledger loads balances, not
 * history.
 *
 * <h2>Failure of an invariant</h2>
 * If the domain reports a broken money invariant, the ledger stops taking writes for good and
 * reports itself not ready: wrong money must not spread.
 */
public final class WalletLedger
        implements OpenWalletUseCase, AddFundsUseCase, RemoveFundsUseCase, GetWalletUseCase, FindTransactionUseCase,
        AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WalletLedger.class.getName());

    private enum State { STARTING, SERVING, STOPPING, FENCED, FAILED }

    /**
     * The longest wait for a barrier's confirmation. The log bounds every append itself (the Pulsar
     * adapter within twice its send timeout); this only keeps a broken log from holding recovery.
     */
    private static final long BARRIER_WAIT_MILLIS = 30_000;

    /**
     * How often a request looks its reference up in the store before giving up: each lookup may be
     * overtaken by the wallet forgetting more meanwhile, which is rare and settles at once.
     */
    private static final int MAX_LOOKUPS = 3;

    /** The most wallets asked about in one forgetting round; the rest wait for the next. */
    private static final int MAX_WALLETS_PER_FORGETTING = 10_000;

    private final AppendWalletEventsPort log;
    private final LoadWalletsPort loader;
    private final ReadEventLogPort reader;
    private final StoredChangesPort stored;
    private final Clock clock;
    private final Supplier<UUID> eventIds;
    private final LedgerSettings settings;
    private final ConcurrentHashMap<WalletId, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicInteger inFlightTotal = new AtomicInteger();
    private final ScheduledExecutorService recoveries;
    private final ScheduledExecutorService forgetting;
    private final DependencyWait startWait;
    private final ConcurrentLinkedQueue<Slot> overWindow = new ConcurrentLinkedQueue<>();
    private volatile boolean storeUnreachableLogged;
    private final ConcurrentLinkedQueue<Slot> readyForReadBack = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean readBackScheduled = new AtomicBoolean();
    private final AtomicReference<Frontier> frontier = new AtomicReference<>();
    private final AtomicInteger walletsInDoubt = new AtomicInteger();
    private long readBackRetryPauseMillis;
    private volatile State state = State.STARTING;

    /**
     * Creates a ledger; call {@link #start()} before use.
     *
     * @param log where accepted changes are appended
     * @param loader where every wallet's durable state is loaded from at start
     * @param reader where wallets in doubt are read back from
     * @param stored where changes the ledger forgets are held; one that reports nothing stored
     *     (as {@code InMemoryStoredChanges}) makes the ledger forget nothing
     * @param clock the time given to events
     * @param eventIds the ids given to events
     * @param settings the limits
     */
    public WalletLedger(AppendWalletEventsPort log, LoadWalletsPort loader, ReadEventLogPort reader,
            StoredChangesPort stored, Clock clock, Supplier<UUID> eventIds, LedgerSettings settings) {
        this.log = Objects.requireNonNull(log, "log");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.stored = Objects.requireNonNull(stored, "stored");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.recoveries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wallet-recovery");
            thread.setDaemon(true);
            return thread;
        });
        this.startWait = new DependencyWait(settings.recoveryRetryMin(), settings.recoveryRetryMax());
        this.forgetting = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wallet-forgetting");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Appends a barrier, loads every wallet's durable state up to it and starts taking writes. An
     * earlier writer's appends still in flight when it was fenced off are before the barrier, so
     * they are loaded, never overtaken. If loading fails (a store or log unreachable), nothing is
     * kept and it may be called again.
     *
     * @throws IllegalStateException if called after it succeeded, or if the loaded state breaks an
     *     invariant
     * @throws TemporarilyUnavailableException if the ledger was closed before the log confirmed the barrier
     * @throws RuntimeException the loader's failure, if it could not read the state
     */
    public void start() {
        if (state != State.STARTING) {
            throw new IllegalStateException("ledger already started");
        }
        LogPosition barrier = awaitFirstBarrier();
        frontier.set(new Frontier(0, barrier));
        try {
            loader.loadAll(barrier, wallet -> {
                if (!wallet.isOpen() || wallet.inFlightCount() != 0) {
                    throw new IllegalStateException("loaded wallet " + wallet.id() + " is not a durable open wallet");
                }
                Slot slot = new Slot(wallet);
                if (slots.putIfAbsent(wallet.id(), slot) != null) {
                    throw new IllegalStateException("wallet " + wallet.id() + " loaded twice");
                }
                synchronized (slot) {
                    queueIfOverWindow(slot);
                }
            });
        } catch (RuntimeException failed) {
            // Nothing was served yet (every request answers 503 while starting): a later start loads afresh.
            slots.clear();
            overWindow.clear();
            throw failed;
        }
        long intervalMillis = settings.forgetInterval().toMillis();
        forgetting.scheduleWithFixedDelay(this::forgettingRound, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        state = State.SERVING;
        LOG.log(Level.INFO, "wallet ledger serving {0} wallets, loaded up to barrier {1}", slots.size(), barrier);
    }

    @Override
    public CompletionStage<OpenOutcome> open(OpenWalletCommand command) {
        Optional<TemporarilyUnavailableException> refusal = refusalForWrites();
        if (refusal.isPresent()) {
            return CompletableFuture.failedFuture(refusal.get());
        }
        WalletId id = command.walletId();
        Slot slot = slots.computeIfAbsent(id, unused -> new Slot(Wallet.unopened(id)));
        EventStamp stamp = nextStamp();
        return decideAndAppend(slot,
                wallet -> wallet.decideOpen(command.opening(), stamp),
                (event, balanceCents) -> new OpenOutcome.Opened(id, balanceCents),
                (event, balanceCents) -> new OpenOutcome.AlreadyExists(id)).reply();
    }

    @Override
    public CompletionStage<ChangeOutcome> addFunds(ChangeFundsCommand command) {
        return changeFunds(FundsOperation.ADD, command);
    }

    @Override
    public CompletionStage<ChangeOutcome> removeFunds(ChangeFundsCommand command) {
        return changeFunds(FundsOperation.REMOVE, command);
    }

    @Override
    public Optional<WalletBalance> find(WalletId walletId) {
        if (state == State.STARTING) {
            throw new TemporarilyUnavailableException("the service is starting");
        }
        Slot slot = slots.get(walletId);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            Wallet wallet = slot.wallet;
            return wallet.isOpen() ? Optional.of(new WalletBalance(walletId, wallet.balanceCents())) : Optional.empty();
        }
    }

    @Override
    public TransactionLookup findTransaction(FindTransactionQuery query) {
        if (state == State.STARTING) {
            throw new TemporarilyUnavailableException("the service is starting");
        }
        WalletId walletId = query.walletId();
        Slot slot = slots.get(walletId);
        if (slot == null) {
            return new TransactionLookup.WalletNotFound(walletId);
        }
        long forgottenThrough;
        synchronized (slot) {
            // Not found is an answer only where the outcome is known: a change in flight, or any
            // change of a wallet in doubt, may still turn out durable.
            if (slot.inDoubt) {
                throw new TemporarilyUnavailableException("changes of this wallet are being confirmed; retry shortly");
            }
            Wallet wallet = slot.wallet;
            if (!wallet.isOpen()) {
                if (!slot.inFlight.isEmpty()) {
                    throw new TemporarilyUnavailableException("the wallet's opening is being confirmed; retry shortly");
                }
                return new TransactionLookup.WalletNotFound(walletId);
            }
            Optional<TransactionLookup> durable = wallet.appliedChange(query.reference()).map(TransactionLookup.Found::new);
            if (durable.isPresent()) {
                return durable.get();
            }
            if (wallet.isInFlight(query.reference())) {
                throw new TemporarilyUnavailableException("the change is being confirmed; retry shortly");
            }
            forgottenThrough = wallet.forgottenThrough();
            if (forgottenThrough == 0) {
                return new TransactionLookup.TransactionNotFound(walletId, query.reference());
            }
        }
        StoredReference answer = lookUpStored(walletId, query.reference(), forgottenThrough);
        if (answer.change().isPresent()) {
            return new TransactionLookup.Found(answer.change().get());
        }
        if (answer.coversThrough() < forgottenThrough) {
            throw new TemporarilyUnavailableException("the store of older changes is catching up; retry shortly");
        }
        return new TransactionLookup.TransactionNotFound(walletId, query.reference());
    }

    @Override
    public boolean readyForWrites() {
        return state == State.SERVING;
    }

    /** {@return how many changes of all wallets await the log now} */
    public int inFlightCount() {
        return inFlightTotal.get();
    }

    /** {@return how many wallets are in doubt now: they take no writes until read back} */
    public int walletsInDoubtCount() {
        return walletsInDoubt.get();
    }

    /**
     * Stops taking writes and waits, at most the drain timeout, for changes in flight to settle.
     * Call it after the inbound adapter has stopped taking requests.
     */
    @Override
    public void close() {
        if (state != State.FAILED && state != State.FENCED) {
            state = State.STOPPING;
        }
        startWait.stop();
        long deadlineNanos = System.nanoTime() + settings.drainTimeout().toNanos();
        try {
            while (inFlightTotal.get() > 0 && System.nanoTime() < deadlineNanos) {
                Thread.sleep(5);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        recoveries.shutdownNow();
        forgetting.shutdownNow();
        if (inFlightTotal.get() > 0) {
            LOG.log(Level.WARNING, "stopped with {0} changes still awaiting the log", inFlightTotal.get());
        }
    }

    private CompletionStage<ChangeOutcome> changeFunds(FundsOperation operation, ChangeFundsCommand command) {
        Optional<TemporarilyUnavailableException> refusal = refusalForWrites();
        if (refusal.isPresent()) {
            return CompletableFuture.failedFuture(refusal.get());
        }
        Slot slot = slots.get(command.walletId());
        if (slot == null) {
            return CompletableFuture.completedFuture(new ChangeOutcome.WalletNotFound(command.walletId()));
        }
        EventStamp stamp = nextStamp();
        StoredReference answer = null;
        for (int lookups = 0; lookups <= MAX_LOOKUPS; lookups++) {
            StoredReference known = answer;
            Decided<ChangeOutcome> decided = decideAndAppend(slot,
                    wallet -> known == null
                            ? wallet.decideChange(operation, command.amount(), command.reference(), stamp)
                            : wallet.decideChange(operation, command.amount(), command.reference(), stamp, known),
                    (event, balanceCents) -> new ChangeOutcome.Accepted(AppliedChange.of((FundsChanged) event, balanceCents)),
                    (event, balanceCents) -> new ChangeOutcome.Replayed(AppliedChange.of((FundsChanged) event, balanceCents)));
            if (decided.lookUp() == null) {
                return decided.reply();
            }
            try {
                answer = lookUpStored(command.walletId(), command.reference(), decided.lookUp().forgottenThrough());
            } catch (TemporarilyUnavailableException unavailable) {
                return CompletableFuture.failedFuture(unavailable);
            }
        }
        return CompletableFuture.failedFuture(new TemporarilyUnavailableException(
                "the store of older changes is catching up; retry with the same reference shortly"));
    }

    /** Asks the store about a reference a wallet may have forgotten; never a guess if it cannot answer. */
    private StoredReference lookUpStored(WalletId walletId, Reference reference, long forgottenThrough) {
        try {
            return stored.find(walletId, reference, forgottenThrough);
        } catch (RuntimeException unreachable) {
            LOG.log(Level.DEBUG, "looking up " + reference + " of " + walletId + " in the store failed", unreachable);
            throw new TemporarilyUnavailableException(
                    "this reference may belong to an older change, and the store of older changes is unreachable; "
                            + "retry with the same reference shortly", unreachable);
        }
    }

    /**
     * Decides a request under the wallet's lock and, if it is accepted, hands its event to the log.
     *
     * @param accepted the outcome of this request once its event is durable
     * @param duplicate the outcome of an identical request that joins one already in flight
     */
    private <O> Decided<O> decideAndAppend(Slot slot, Function<Wallet, Decision<O>> decide,
            BiFunction<WalletEvent, Long, O> accepted, BiFunction<WalletEvent, Long, O> duplicate) {
        InFlight appended;
        CompletionStage<LogPosition> appending;
        List<Runnable> refusedAtOnce = new ArrayList<>(0);
        synchronized (slot) {
            if (slot.inDoubt) {
                return Decided.failed(new TemporarilyUnavailableException(
                        "an earlier change of this wallet is being confirmed; retry shortly"));
            }
            if (slot.inFlight.size() >= settings.maxInFlightPerWallet()) {
                return Decided.failed(new TemporarilyUnavailableException(
                        "too many changes of this wallet in flight; retry shortly"));
            }
            Decision<O> decision;
            try {
                decision = decide.apply(slot.wallet);
            } catch (IllegalStateException brokenInvariant) {
                throw halt(brokenInvariant);
            }
            if (decision instanceof Decision.Settled<O> settled) {
                return new Decided<>(CompletableFuture.completedFuture(settled.outcome()), null);
            }
            if (decision instanceof Decision.LookUpReference<O> lookUp) {
                return new Decided<>(null, lookUp);
            }
            if (decision instanceof Decision.AwaitInFlight<O> await) {
                InFlight original = slot.inFlightWithSequence(await.sequence());
                return new Decided<>(
                        original.balanceAfter.thenApply(balanceCents -> duplicate.apply(original.event, balanceCents)), null);
            }
            // Checked before deciding without the lock, so concurrent writers may pass the limit by a few.
            inFlightTotal.incrementAndGet();
            appended = new InFlight(((Decision.Append<O>) decision).event(), frontier.get());
            slot.inFlight.addLast(appended);
            slot.unsettledAppends++;
            appending = appendCatchingFailures(appended.event);
            // A log that refused the event at once (a full queue, a closed producer) puts the wallet
            // in doubt before its lock is released: a later change decided in between could be
            // stored while this one is not, and leave a gap in the wallet's sequence.
            failureIfRefusedAtOnce(appending).ifPresent(failure -> markInDoubt(slot, appended, failure, refusedAtOnce));
        }
        refusedAtOnce.forEach(Runnable::run);
        appending.whenComplete((position, failure) -> onAppendSettled(slot, appended, position, failure));
        return new Decided<>(appended.balanceAfter.thenApply(balanceCents -> accepted.apply(appended.event, balanceCents)),
                null);
    }

    /**
     * What deciding under the lock came to: a reply, or a reference to look up in the store first.
     *
     * @param reply the reply, unless a lookup is needed
     * @param lookUp the lookup the wallet asks for, or null
     */
    private record Decided<O>(CompletionStage<O> reply, Decision.LookUpReference<O> lookUp) {

        static <O> Decided<O> failed(TemporarilyUnavailableException refusal) {
            return new Decided<>(CompletableFuture.failedFuture(refusal), null);
        }
    }

    private Optional<TemporarilyUnavailableException> refusalForWrites() {
        State current = state;
        if (current != State.SERVING) {
            return Optional.of(new TemporarilyUnavailableException(switch (current) {
                case STARTING -> "the service is starting";
                case STOPPING -> "the service is stopping";
                case FENCED -> "another writer has taken the log over; this one takes no more writes";
                default -> "the service has stopped taking writes";
            }));
        }
        if (inFlightTotal.get() >= settings.maxInFlightTotal()) {
            return Optional.of(new TemporarilyUnavailableException("too many changes in flight; retry shortly"));
        }
        return Optional.empty();
    }

    private static Optional<Throwable> failureIfRefusedAtOnce(CompletionStage<LogPosition> appending) {
        CompletableFuture<LogPosition> settled = appending.toCompletableFuture();
        if (!settled.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(settled.handle((position, failure) -> failure).join());
    }

    private CompletionStage<LogPosition> appendCatchingFailures(WalletEvent event) {
        try {
            return log.append(event);
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    private void onAppendSettled(Slot slot, InFlight settled, LogPosition position, Throwable failure) {
        List<Runnable> replies = new ArrayList<>(1);
        if (failure == null) {
            advanceFrontier(position);
        }
        synchronized (slot) {
            slot.unsettledAppends--;
            inFlightTotal.decrementAndGet();
            if (failure == null) {
                settled.durable = true;
            } else {
                markInDoubt(slot, settled, failure, replies);
            }
            try {
                while (!slot.inFlight.isEmpty() && slot.inFlight.peekFirst().durable) {
                    InFlight oldest = slot.inFlight.removeFirst();
                    long balanceAfterCents = slot.wallet.confirm(oldest.event);
                    replies.add(() -> oldest.balanceAfter.complete(balanceAfterCents));
                }
                queueIfOverWindow(slot);
            } catch (IllegalStateException brokenInvariant) {
                // No reply may hang: every change still in flight answers "not confirmed".
                slot.inDoubt = true;
                TemporarilyUnavailableException halted = new TemporarilyUnavailableException(
                        "the service has stopped taking writes", brokenInvariant);
                slot.inFlight.forEach(entry -> replies.add(() -> entry.balanceAfter.completeExceptionally(halted)));
                replies.forEach(Runnable::run);
                throw halt(brokenInvariant);
            }
            if (slot.inDoubt && slot.unsettledAppends == 0 && !slot.awaitingReadBack) {
                slot.awaitingReadBack = true;
                readyForReadBack.add(slot);
                scheduleReadBack(0);
            }
        }
        replies.forEach(Runnable::run);
    }

    private void markInDoubt(Slot slot, InFlight failed, Throwable failure, List<Runnable> replies) {
        noticeIfFenced(failure);
        if (!slot.inDoubt) {
            // One line per wallet, the cause's stack trace once per burst: a broker outage puts
            // thousands of wallets in doubt at once, all for the same reason.
            String line = "append of " + failed.event.walletId() + " #" + failed.event.sequence()
                    + " not confirmed; the wallet takes no writes until it is read back from the log";
            if (walletsInDoubt.getAndIncrement() == 0) {
                LOG.log(Level.WARNING, line, failure);
            } else {
                LOG.log(Level.INFO, line + ": " + failure);
            }
        }
        slot.inDoubt = true;
        slot.readBackFrom = Frontier.older(slot.readBackFrom, failed.readFrom);
        TemporarilyUnavailableException unconfirmed = new TemporarilyUnavailableException(
                "the change could not be confirmed; retry with the same reference", failure);
        boolean fromFailed = false;
        for (InFlight entry : slot.inFlight) {
            fromFailed |= entry == failed;
            if (fromFailed) {
                entry.failed = true;
                replies.add(() -> entry.balanceAfter.completeExceptionally(unconfirmed));
            }
        }
    }

    private void advanceFrontier(LogPosition position) {
        Objects.requireNonNull(position, "the log confirmed an append without its position");
        frontier.updateAndGet(current -> new Frontier(current.generation() + 1, position));
    }

    private void scheduleReadBack(long delayMillis) {
        if (!readBackScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            recoveries.schedule(this::readBackRound, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.log(Level.INFO, "not reading {0} wallets back: the ledger is stopping", readyForReadBack.size());
        }
    }

    /**
     * One round of read-back, on the recovery thread: every wallet ready for it, behind one barrier
     * and one read of the log. Wallets that become ready meanwhile wait for the next round.
     */
    private void readBackRound() {
        LinkedHashSet<Slot> round = new LinkedHashSet<>();
        for (Slot ready = readyForReadBack.poll(); ready != null; ready = readyForReadBack.poll()) {
            round.add(ready);
        }
        boolean succeeded = round.isEmpty() || readBack(round);
        if (!succeeded) {
            readyForReadBack.addAll(round);
            readBackRetryPauseMillis = nextRetryPauseMillis();
        } else {
            readBackRetryPauseMillis = 0;
        }
        readBackScheduled.set(false);
        if (!readyForReadBack.isEmpty() && state != State.FAILED && state != State.FENCED) {
            scheduleReadBack(readBackRetryPauseMillis);
        }
    }

    /** {@return the pause before the next read-back after a failed one: doubling, within the settings} */
    private long nextRetryPauseMillis() {
        return Math.min(settings.recoveryRetryMax().toMillis(),
                Math.max(settings.recoveryRetryMin().toMillis(), readBackRetryPauseMillis * 2));
    }

    /** {@return whether the round's wallets were read back; false to retry after a pause} */
    private boolean readBack(Collection<Slot> round) {
        Map<WalletId, List<WalletEvent>> eventsByWallet = new HashMap<>();
        round.forEach(slot -> eventsByWallet.put(slot.walletId, new ArrayList<>()));
        LogPosition barrier;
        try {
            barrier = awaitBarrier();
            Frontier from = round.stream().map(slot -> slot.readBackFrom).min(Comparator.comparingLong(Frontier::generation))
                    .orElseThrow();
            reader.readUpTo(LogPositions.of(List.of(from.position())), barrier, logged -> {
                List<WalletEvent> events = eventsByWallet.get(logged.event().walletId());
                if (events != null) {
                    events.add(logged.event());
                }
            });
        } catch (IllegalStateException brokenInvariant) {
            throw halt(brokenInvariant);
        } catch (RuntimeException unavailable) {
            noticeIfFenced(unavailable);
            LOG.log(Level.WARNING, "reading " + round.size() + " wallets in doubt back failed; retrying in "
                    + nextRetryPauseMillis() + " ms", unavailable);
            return false;
        }
        for (Slot slot : round) {
            resume(slot, eventsByWallet.get(slot.walletId));
        }
        LOG.log(Level.INFO, "{0} wallets read back from the log up to barrier {1}; taking writes again",
                round.size(), barrier);
        return true;
    }

    /** Rebuilds a wallet in doubt from its own confirmed state and what the log holds of it. */
    private void resume(Slot slot, List<WalletEvent> logged) {
        synchronized (slot) {
            if (!slot.inDoubt || slot.unsettledAppends != 0) {
                throw halt(new IllegalStateException("read-back of " + slot.walletId + " found an inconsistent state"));
            }
            for (InFlight entry : slot.inFlight) {
                // A failure decided under the lock may not be delivered yet: the thread that decided
                // it completes the reply right after releasing the lock, possibly after this runs.
                if (!entry.failed && !entry.balanceAfter.isDone()) {
                    throw halt(new IllegalStateException("read-back of " + slot.walletId + " would drop a waiting reply"));
                }
            }
            try {
                slot.wallet.discardInFlight();
                // Events the wallet confirmed already come again and are skipped as repeats.
                logged.forEach(slot.wallet::applyDurable);
            } catch (IllegalStateException brokenInvariant) {
                throw halt(brokenInvariant);
            }
            slot.inFlight.clear();
            slot.inDoubt = false;
            slot.awaitingReadBack = false;
            slot.readBackFrom = null;
            walletsInDoubt.decrementAndGet();
            queueIfOverWindow(slot);
        }
    }

    /** Queues a wallet for the next forgetting round if it remembers more than its window; under its lock. */
    private void queueIfOverWindow(Slot slot) {
        if (!slot.queuedToForget && slot.wallet.rememberedCount() > settings.rememberedChangesPerWallet()) {
            slot.queuedToForget = true;
            overWindow.add(slot);
        }
    }

    /**
     * One forgetting round, on its own thread: asks the store how far it holds the wallets over
     * their window, and lets each forget what the store holds beyond its window. A wallet the store
     * is behind on stays queued. A store that later holds less (restored from an older copy) cannot
     * make a wallet forget wrongly: lookups check how far the store's answer covers.
     */
    private void forgettingRound() {
        List<Slot> round = new ArrayList<>();
        for (Slot next; round.size() < MAX_WALLETS_PER_FORGETTING && (next = overWindow.poll()) != null; ) {
            round.add(next);
        }
        if (round.isEmpty()) {
            return;
        }
        try {
            forget(round);
        } catch (IllegalStateException brokenInvariant) {
            // Not rethrown: a scheduled task that throws is never run again, and halting says enough.
            halt(brokenInvariant);
        }
    }

    private void forget(List<Slot> round) {
        Map<WalletId, Long> storedSequences;
        try {
            storedSequences = stored.storedSequences(round.stream().map(slot -> slot.walletId).toList());
            storeUnreachableLogged = false;
        } catch (RuntimeException unreachable) {
            if (!storeUnreachableLogged) {
                storeUnreachableLogged = true;
                LOG.log(Level.WARNING, "cannot ask the store how far it holds " + round.size()
                        + " wallets; they keep their changes in memory until it answers", unreachable);
            }
            overWindow.addAll(round);
            return;
        }
        for (Slot slot : round) {
            synchronized (slot) {
                slot.queuedToForget = false;
                Wallet wallet = slot.wallet;
                long forgetThrough = Math.min(storedSequences.getOrDefault(slot.walletId, 0L),
                        wallet.lastSequence() - settings.rememberedChangesPerWallet());
                if (forgetThrough > wallet.forgottenThrough()) {
                    List<AppliedChange> forgotten = wallet.forgetThrough(forgetThrough);
                    stored.forgetting(slot.walletId, forgotten);
                }
                queueIfOverWindow(slot);
            }
        }
    }

    /** Waits, with a logged back-off, until the log confirms a barrier, or the ledger is closed. */
    private LogPosition awaitFirstBarrier() {
        return startWait.until("appending the starting barrier", this::awaitBarrier,
                        failure -> failure instanceof TemporarilyUnavailableException && state == State.STARTING)
                .orElseThrow(() -> new TemporarilyUnavailableException("stopped before the log confirmed a barrier"));
    }

    private LogPosition awaitBarrier() {
        try {
            return log.appendBarrier().toCompletableFuture().get(BARRIER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TemporarilyUnavailableException("interrupted while awaiting a barrier", interrupted);
        } catch (ExecutionException | TimeoutException | RuntimeException failure) {
            throw new TemporarilyUnavailableException("the log did not confirm a barrier", failure);
        }
    }

    private EventStamp nextStamp() {
        return new EventStamp(eventIds.get(), clock.instant());
    }

    /**
     * Stops taking writes for good once the log says another writer took it over: every later
     * append would fail the same way, and readiness must say so, so that traffic goes to the writer
     * that serves.
     */
    private void noticeIfFenced(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WriterFencedException) {
                if (state == State.SERVING) {
                    state = State.FENCED;
                    LOG.log(Level.ERROR, "another writer has taken the log over; this one takes no more writes",
                            failure);
                }
                return;
            }
        }
    }

    private IllegalStateException halt(IllegalStateException brokenInvariant) {
        state = State.FAILED;
        LOG.log(Level.ERROR, "money invariant broken; the ledger takes no more writes", brokenInvariant);
        return brokenInvariant;
    }

    /** One wallet and the changes it has handed to the log; guarded by its own monitor. */
    private static final class Slot {
        private final WalletId walletId;
        // Small: most wallets are idle, and the deque grows when pipelined.
        private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>(2);
        private Wallet wallet;
        private boolean inDoubt;
        private boolean awaitingReadBack;
        private Frontier readBackFrom;
        private int unsettledAppends;
        private boolean queuedToForget;

        private Slot(Wallet wallet) {
            this.walletId = wallet.id();
            this.wallet = wallet;
        }

        private InFlight inFlightWithSequence(long sequence) {
            for (InFlight entry : inFlight) {
                if (entry.event.sequence() == sequence) {
                    return entry;
                }
            }
            throw new IllegalStateException("no change #" + sequence + " of " + walletId + " in flight");
        }
    }

    /** A change handed to the log, and the reply that waits for it. */
    private static final class InFlight {
        private final WalletEvent event;
        private final Frontier readFrom;
        private final CompletableFuture<Long> balanceAfter = new CompletableFuture<>();
        private boolean durable;
        private boolean failed;

        private InFlight(WalletEvent event, Frontier readFrom) {
            this.event = event;
            this.readFrom = readFrom;
        }
    }

    /**
     * The position of an append the log confirmed, numbered in the order the ledger learnt of
     * them. An event appended after the frontier was read lies after that position in the log, so a
     * read-back of it may start there.
     *
     * @param generation how many confirmations came before this one
     * @param position the confirmed position
     */
    private record Frontier(long generation, LogPosition position) {

        static Frontier older(Frontier first, Frontier second) {
            if (first == null) {
                return second;
            }
            return second.generation() < first.generation() ? second : first;
        }
    }
}
