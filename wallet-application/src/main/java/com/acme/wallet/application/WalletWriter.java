package com.acme.wallet.application;

import com.acme.wallet.application.WalletSlot.Frontier;
import com.acme.wallet.application.WalletSlot.InFlight;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.WalletLimitReachedException;
import com.acme.wallet.application.port.in.WriterReadiness;
import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.RecordWriterMetricsPort;
import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.domain.Decision;
import com.acme.wallet.domain.EventStamp;
import com.acme.wallet.domain.Recall;
import com.acme.wallet.domain.Recalled;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The single writer of all wallets: decides every write against in-memory state, appends it to the
 * durable log and answers once the log has confirmed it. The use-case services ask it for writes
 * ({@link #write}) and reads ({@link #read}); it owns everything between a decision and a durable
 * answer.
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
 * every append of the wallet has settled it is read back from the log behind a barrier and resumes
 * by itself ({@link ReadBack}). Other wallets carry on. The same barrier opens {@link #start()}.
 *
 * <h2>Memory</h2>
 * A wallet keeps in memory its balance, its changes not yet stored by the database the log is
 * persisted into, and a window of its latest stored ones ({@link Forgetting}). A request whose
 * reference a wallet may have forgotten is answered from the store, outside the wallet's lock;
 * while the store is unreachable it answers "retry later", never a guess. At start every stored
 * change counts as forgotten, so the writer loads balances, not history.
 *
 * <h2>Failure of an invariant</h2>
 * If the domain reports a broken money invariant, the writer stops taking writes for good and
 * reports itself not ready: wrong money must not spread.
 */
public final class WalletWriter implements WriterReadiness, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WalletWriter.class.getName());

    /**
     * How often a request asks the store before giving up: each answer may be overtaken by the
     * wallet forgetting more meanwhile, which is rare and settles at once, and a rollback of a
     * forgotten bet asks twice (the bet, then its round).
     */
    private static final int MAX_LOOKUPS = 4;

    /**
     * How often a request waits for a change in flight it depends on before giving up: each wait
     * ends with that change durable or discarded, so a second is rare.
     */
    private static final int MAX_WAITS = 4;

    /** Requests waiting to be decided again once the change they depend on settles. */
    private static final int MAX_WAITING_REDECISIONS = 10_000;

    private final AppendWalletEventsPort log;
    private final LoadWalletsPort loader;
    private final StoredChangesPort stored;
    private final Clock clock;
    private final Supplier<UUID> eventIds;
    private final WriterSettings settings;
    private final ConcurrentHashMap<WalletId, WalletSlot> slots = new ConcurrentHashMap<>();
    private final AtomicInteger inFlightTotal = new AtomicInteger();
    private final AtomicReference<Frontier> frontier = new AtomicReference<>();
    private final WriterState state = new WriterState();
    private final Forgetting forgetting;
    private final ReadBack readBack;
    private final DependencyWait startWait;
    private final ThreadPoolExecutor redecisions;
    private final RecordWriterMetricsPort metrics;

    /**
     * Creates a writer; call {@link #start()} before use.
     *
     * @param log where accepted changes are appended
     * @param loader where every wallet's durable state is loaded from at start
     * @param reader where wallets in doubt are read back from
     * @param stored where changes the writer forgets are held; one that reports nothing stored
     *     (as {@code InMemoryStoredChanges}) makes the writer forget nothing
     * @param clock the time given to events
     * @param eventIds the ids given to events
     * @param settings the limits
     */
    public WalletWriter(AppendWalletEventsPort log, LoadWalletsPort loader, ReadEventLogPort reader,
            StoredChangesPort stored, Clock clock, Supplier<UUID> eventIds, WriterSettings settings) {
        this(log, loader, reader, stored, clock, eventIds, settings, Unmeasured.WRITER);
    }

    /**
     * Creates a writer that reports its appends and read-backs; call {@link #start()} before use.
     *
     * @param log where accepted changes are appended
     * @param loader where every wallet's durable state is loaded from at start
     * @param reader where wallets in doubt are read back from
     * @param stored where changes the writer forgets are held
     * @param clock the time given to events
     * @param eventIds the ids given to events
     * @param settings the limits
     * @param metrics where each append's latency and each read-back are reported
     */
    public WalletWriter(AppendWalletEventsPort log, LoadWalletsPort loader, ReadEventLogPort reader,
            StoredChangesPort stored, Clock clock, Supplier<UUID> eventIds, WriterSettings settings,
            RecordWriterMetricsPort metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.log = Objects.requireNonNull(log, "log");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.stored = Objects.requireNonNull(stored, "stored");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.forgetting = new Forgetting(stored, state, settings.rememberedChangesPerWallet());
        this.readBack = new ReadBack(log, Objects.requireNonNull(reader, "reader"), state, forgetting, settings,
                metrics);
        this.startWait = new DependencyWait(settings.recoveryRetryMin(), settings.recoveryRetryMax());
        // Decisions again run here, not on the thread that confirmed the change waited for (the
        // log's), since deciding may ask the store.
        this.redecisions = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING_REDECISIONS), WriterState.daemonThreads("wallet-redecide"));
    }

    /**
     * Appends a barrier, loads every wallet's durable state up to it and starts taking writes. An
     * earlier writer's appends still in flight when it was fenced off are before the barrier, so
     * they are loaded, never overtaken. If loading fails (a store or log unreachable), nothing is
     * kept and it may be called again.
     *
     * @throws IllegalStateException if called after it succeeded, or if the loaded state breaks an
     *     invariant
     * @throws TemporarilyUnavailableException if the writer was closed before the log confirmed the barrier
     * @throws RuntimeException the loader's failure, if it could not read the state
     */
    public void start() {
        if (!state.isStarting()) {
            throw new IllegalStateException("writer already started");
        }
        LogPosition barrier = startWait.until("appending the starting barrier", readBack::awaitBarrier,
                        failure -> failure instanceof TemporarilyUnavailableException && state.isStarting())
                .orElseThrow(() -> new TemporarilyUnavailableException("stopped before the log confirmed a barrier"));
        frontier.set(new Frontier(0, barrier));
        try {
            loader.loadAll(barrier, wallet -> {
                if (!wallet.isOpen() || wallet.inFlightCount() != 0) {
                    throw new IllegalStateException("loaded wallet " + wallet.id() + " is not a durable open wallet");
                }
                WalletSlot slot = new WalletSlot(wallet);
                if (slots.putIfAbsent(wallet.id(), slot) != null) {
                    throw new IllegalStateException("wallet " + wallet.id() + " loaded twice");
                }
                synchronized (slot) {
                    forgetting.queueIfOverWindow(slot);
                }
            });
        } catch (RuntimeException failed) {
            // Nothing was served yet (every request answers 503 while starting): a later start loads afresh.
            slots.clear();
            forgetting.clear();
            throw failed;
        }
        forgetting.start(settings.forgetInterval().toMillis());
        state.serve();
        LOG.log(Level.INFO, "wallet writer serving {0} wallets, loaded up to barrier {1}", slots.size(), barrier);
    }

    /**
     * Decides a write and, if the wallet accepts it, appends its event and answers once the log has
     * confirmed it and every earlier change of the wallet. A wallet the writer does not hold is
     * decided as an unopened one; only a decision to append (an opening) makes the writer hold it.
     * When the wallet asks about changes it may have forgotten, the writer asks the store, outside
     * the wallet's lock, and decides again; when the request depends on a change in flight, it is
     * decided again once that change is durable or discarded.
     *
     * @param walletId the wallet
     * @param write how the wallet decides, and the outcomes
     * @param <O> the type of outcome
     * @return the outcome, or a stage failed with {@link TemporarilyUnavailableException} when the
     *     write could not be taken or confirmed now
     */
    public <O> CompletionStage<O> write(WalletId walletId, WalletWrite<O> write) {
        return write(walletId, write, 0);
    }

    private <O> CompletionStage<O> write(WalletId walletId, WalletWrite<O> write, int waits) {
        Optional<TemporarilyUnavailableException> refusal = refusalForWrites();
        if (refusal.isPresent()) {
            return CompletableFuture.failedFuture(refusal.get());
        }
        EventStamp stamp = new EventStamp(eventIds.get(), clock.instant());
        WalletSlot slot = slots.get(walletId);
        if (slot == null) {
            Decision<O> unopened = decide(write, Wallet.unopened(walletId), stamp, Optional.empty());
            if (unopened instanceof Decision.Settled<O> settled) {
                return CompletableFuture.completedFuture(settled.outcome());
            }
            if (slots.size() >= settings.maxWallets()) {
                return CompletableFuture.failedFuture(new WalletLimitReachedException(settings.maxWallets()));
            }
            slot = slots.computeIfAbsent(walletId, id -> new WalletSlot(Wallet.unopened(id)));
        }
        Optional<Recalled> recalled = Optional.empty();
        for (int lookups = 0; lookups <= MAX_LOOKUPS; lookups++) {
            Decided<O> decided = decideAndAppend(slot, write, stamp, recalled);
            if (decided instanceof Decided.Reply<O> reply) {
                return reply.outcome();
            }
            if (decided instanceof Decided.After<O> after) {
                return decideAfter(walletId, write, waits, after.dependency());
            }
            try {
                recalled = Optional.of(recall(walletId, ((Decided.LookUp<O>) decided).recall()));
            } catch (TemporarilyUnavailableException unavailable) {
                return CompletableFuture.failedFuture(unavailable);
            }
        }
        return CompletableFuture.failedFuture(new TemporarilyUnavailableException(
                "the store of older changes is catching up; retry with the same reference shortly"));
    }

    /**
     * Reads a wallet under its lock: every confirmed change is visible, nothing in flight is
     * counted. A wallet the writer does not hold is read as an unopened one.
     *
     * @param walletId the wallet
     * @param read what to read; it must not change the wallet
     * @param <T> what is read
     * @return what was read
     * @throws TemporarilyUnavailableException while the wallets are still being loaded
     */
    public <T> T read(WalletId walletId, Function<Wallet, T> read) {
        return read(walletId, false, read);
    }

    /**
     * Reads a wallet whose every change has a known outcome: as {@link #read}, but refused while the
     * wallet is in doubt, since a change that was not confirmed may still turn out durable.
     *
     * @param walletId the wallet
     * @param read what to read; it must not change the wallet
     * @param <T> what is read
     * @return what was read
     * @throws TemporarilyUnavailableException while the wallets are loaded, or the wallet is in doubt
     */
    public <T> T readSettled(WalletId walletId, Function<Wallet, T> read) {
        return read(walletId, true, read);
    }

    /**
     * Asks the store what a wallet may have forgotten; never a guess if it cannot answer.
     *
     * @param walletId the wallet
     * @param recall what the wallet asks
     * @return the store's answer
     * @throws TemporarilyUnavailableException if the store is unreachable
     */
    public Recalled recall(WalletId walletId, Recall recall) {
        try {
            return stored.recall(walletId, recall);
        } catch (RuntimeException unreachable) {
            LOG.log(Level.DEBUG, "asking the store for " + recall + " of " + walletId + " failed", unreachable);
            throw new TemporarilyUnavailableException(
                    "this request may depend on older changes, and the store of older changes is unreachable; "
                            + "retry with the same reference shortly", unreachable);
        }
    }

    @Override
    public boolean readyForWrites() {
        return state.isServing();
    }

    /** {@return how many wallets the writer holds in memory: every open one, and any being opened} */
    public int walletsHeld() {
        return slots.size();
    }

    /** {@return how many changes of all wallets await the log now} */
    public int inFlightCount() {
        return inFlightTotal.get();
    }

    /** {@return how many wallets are in doubt now: they take no writes until read back} */
    public int walletsInDoubtCount() {
        return readBack.walletsInDoubt();
    }

    /** {@return where the writer is in its life now: starting, serving, stopping, fenced or failed} */
    public WriterPhase phase() {
        return state.phase();
    }

    /**
     * Stops taking writes and waits, at most the drain timeout, for changes in flight to settle.
     * Call it after the inbound adapter has stopped taking requests.
     */
    @Override
    public void close() {
        state.stop();
        startWait.stop();
        long deadlineNanos = System.nanoTime() + settings.drainTimeout().toNanos();
        try {
            while (inFlightTotal.get() > 0 && System.nanoTime() < deadlineNanos) {
                Thread.sleep(5);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        redecisions.shutdown();
        readBack.close();
        forgetting.close();
        if (inFlightTotal.get() > 0) {
            LOG.log(Level.WARNING, "stopped with {0} changes still awaiting the log", inFlightTotal.get());
        }
    }

    private <T> T read(WalletId walletId, boolean settledOnly, Function<Wallet, T> read) {
        if (state.isStarting()) {
            throw new TemporarilyUnavailableException("the service is starting");
        }
        WalletSlot slot = slots.get(walletId);
        if (slot == null) {
            return read.apply(Wallet.unopened(walletId));
        }
        synchronized (slot) {
            if (settledOnly && slot.inDoubt) {
                throw new TemporarilyUnavailableException("changes of this wallet are being confirmed; retry shortly");
            }
            return read.apply(slot.wallet);
        }
    }

    private Optional<TemporarilyUnavailableException> refusalForWrites() {
        Optional<TemporarilyUnavailableException> refusal = state.refusal();
        if (refusal.isEmpty() && inFlightTotal.get() >= settings.maxInFlightTotal()) {
            return Optional.of(new TemporarilyUnavailableException("too many changes in flight; retry shortly"));
        }
        return refusal;
    }

    /**
     * Decides a write again once the change it depends on has settled, durable or not, on a thread
     * of the writer's; at most {@link #MAX_WAITS} times.
     */
    private <O> CompletionStage<O> decideAfter(WalletId walletId, WalletWrite<O> write, int waits,
            CompletionStage<?> dependency) {
        if (waits >= MAX_WAITS) {
            return CompletableFuture.failedFuture(new TemporarilyUnavailableException(
                    "this request depends on changes of its wallet still being confirmed; retry shortly"));
        }
        CompletableFuture<O> outcome = new CompletableFuture<>();
        dependency.whenComplete((settled, failure) -> {
            try {
                redecisions.execute(() -> write(walletId, write, waits + 1).whenComplete((decided, refused) -> {
                    if (refused != null) {
                        outcome.completeExceptionally(refused);
                    } else {
                        outcome.complete(decided);
                    }
                }));
            } catch (RejectedExecutionException full) {
                outcome.completeExceptionally(new TemporarilyUnavailableException(
                        "too many requests wait for changes still being confirmed; retry shortly", full));
            }
        });
        return outcome;
    }

    private <O> Decision<O> decide(WalletWrite<O> write, Wallet wallet, EventStamp stamp,
            Optional<Recalled> recalled) {
        try {
            return write.decide().decide(wallet, stamp, recalled);
        } catch (IllegalStateException brokenInvariant) {
            throw state.halt(brokenInvariant);
        }
    }

    /** Decides a write under the wallet's lock and, if it is accepted, hands its event to the log. */
    private <O> Decided<O> decideAndAppend(WalletSlot slot, WalletWrite<O> write, EventStamp stamp,
            Optional<Recalled> recalled) {
        InFlight appended;
        CompletionStage<LogPosition> appending;
        List<Runnable> refusedAtOnce = new ArrayList<>(0);
        long appendStartedNanos;
        synchronized (slot) {
            if (slot.inDoubt) {
                return Decided.failed("an earlier change of this wallet is being confirmed; retry shortly");
            }
            if (slot.inFlight.size() >= settings.maxInFlightPerWallet()) {
                return Decided.failed("too many changes of this wallet in flight; retry shortly");
            }
            Decision<O> decision = decide(write, slot.wallet, stamp, recalled);
            if (decision instanceof Decision.Settled<O> settled) {
                return new Decided.Reply<>(CompletableFuture.completedFuture(settled.outcome()));
            }
            if (decision instanceof Decision.LookUp<O> lookUp) {
                return new Decided.LookUp<>(lookUp.recall());
            }
            if (decision instanceof Decision.DecideAfter<O> after) {
                return new Decided.After<>(slot.inFlightWithSequence(after.sequence()).balanceAfter);
            }
            if (decision instanceof Decision.AwaitInFlight<O> await) {
                InFlight original = slot.inFlightWithSequence(await.sequence());
                return new Decided.Reply<>(original.balanceAfter.thenApply(
                        balanceCents -> write.joined().of(original.event, balanceCents)));
            }
            // Checked before deciding without the lock, so concurrent writers may pass the limit by a few.
            inFlightTotal.incrementAndGet();
            appended = new InFlight(((Decision.Append<O>) decision).event(), frontier.get());
            slot.inFlight.addLast(appended);
            slot.unsettledAppends++;
            appendStartedNanos = System.nanoTime();
            appending = appendCatchingFailures(appended.event, write.caller());
            // A log that refused the event at once (a full queue, a closed producer) puts the wallet
            // in doubt before its lock is released: a later change decided in between could be
            // stored while this one is not, and leave a gap in the wallet's sequence.
            failureIfRefusedAtOnce(appending).ifPresent(
                    failure -> readBack.markInDoubt(slot, appended, failure, refusedAtOnce));
        }
        refusedAtOnce.forEach(Runnable::run);
        appending.whenComplete((position, failure) -> {
            long appendNanos = System.nanoTime() - appendStartedNanos;
            // Settled first: a failing metrics recorder must never leave a change unsettled.
            onAppendSettled(slot, appended, position, failure);
            metrics.appendSettled(appendNanos, failure == null);
        });
        return new Decided.Reply<>(appended.balanceAfter.thenApply(
                balanceCents -> write.accepted().of(appended.event, balanceCents)));
    }

    /**
     * What deciding under the lock came to: a reply, a question for the store first, or a change in
     * flight to wait for first.
     */
    private sealed interface Decided<O> {

        record Reply<O>(CompletionStage<O> outcome) implements Decided<O> {}

        record LookUp<O>(Recall recall) implements Decided<O> {}

        record After<O>(CompletionStage<?> dependency) implements Decided<O> {}

        static <O> Decided<O> failed(String refusal) {
            return new Reply<>(CompletableFuture.failedFuture(new TemporarilyUnavailableException(refusal)));
        }
    }

    private static Optional<Throwable> failureIfRefusedAtOnce(CompletionStage<LogPosition> appending) {
        CompletableFuture<LogPosition> settled = appending.toCompletableFuture();
        if (!settled.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(settled.handle((position, failure) -> failure).join());
    }

    private CompletionStage<LogPosition> appendCatchingFailures(WalletEvent event, Caller caller) {
        try {
            return log.append(event, caller);
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    private void onAppendSettled(WalletSlot slot, InFlight settled, LogPosition position, Throwable failure) {
        List<Runnable> replies = new ArrayList<>(1);
        if (failure == null) {
            Objects.requireNonNull(position, "the log confirmed an append without its position");
            frontier.updateAndGet(current -> new Frontier(current.generation() + 1, position));
        }
        synchronized (slot) {
            slot.unsettledAppends--;
            inFlightTotal.decrementAndGet();
            if (failure == null) {
                settled.durable = true;
            } else {
                readBack.markInDoubt(slot, settled, failure, replies);
            }
            try {
                while (!slot.inFlight.isEmpty() && slot.inFlight.peekFirst().durable) {
                    InFlight oldest = slot.inFlight.removeFirst();
                    long balanceAfterCents = slot.wallet.confirm(oldest.event);
                    replies.add(() -> oldest.balanceAfter.complete(balanceAfterCents));
                }
                forgetting.queueIfOverWindow(slot);
            } catch (IllegalStateException brokenInvariant) {
                // No reply may hang: every change still in flight answers "not confirmed".
                slot.inDoubt = true;
                TemporarilyUnavailableException halted = new TemporarilyUnavailableException(
                        "the service has stopped taking writes", brokenInvariant);
                slot.inFlight.forEach(entry -> replies.add(() -> entry.balanceAfter.completeExceptionally(halted)));
                replies.forEach(Runnable::run);
                throw state.halt(brokenInvariant);
            }
            readBack.whenSettled(slot);
        }
        replies.forEach(Runnable::run);
    }
}
