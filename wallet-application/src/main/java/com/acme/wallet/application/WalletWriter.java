package com.acme.wallet.application;

import com.acme.wallet.application.WalletSlot.Frontier;
import com.acme.wallet.application.WalletSlot.InFlight;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.WriterReadiness;
import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.domain.Decision;
import com.acme.wallet.domain.EventStamp;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.StoredReference;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
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
     * How often a request looks its reference up in the store before giving up: each lookup may be
     * overtaken by the wallet forgetting more meanwhile, which is rare and settles at once.
     */
    private static final int MAX_LOOKUPS = 3;

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
        this.log = Objects.requireNonNull(log, "log");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.stored = Objects.requireNonNull(stored, "stored");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.forgetting = new Forgetting(stored, state, settings.rememberedChangesPerWallet());
        this.readBack = new ReadBack(log, Objects.requireNonNull(reader, "reader"), state, forgetting, settings);
        this.startWait = new DependencyWait(settings.recoveryRetryMin(), settings.recoveryRetryMax());
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
     * When the wallet asks for a reference it may have forgotten, the writer looks it up in the store,
     * outside the wallet's lock, and asks again.
     *
     * @param walletId the wallet
     * @param write how the wallet decides, and the outcomes
     * @param <O> the type of outcome
     * @return the outcome, or a stage failed with {@link TemporarilyUnavailableException} when the
     *     write could not be taken or confirmed now
     */
    public <O> CompletionStage<O> write(WalletId walletId, WalletWrite<O> write) {
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
            slot = slots.computeIfAbsent(walletId, id -> new WalletSlot(Wallet.unopened(id)));
        }
        Optional<StoredReference> known = Optional.empty();
        for (int lookups = 0; lookups <= MAX_LOOKUPS; lookups++) {
            Decided<O> decided = decideAndAppend(slot, write, stamp, known);
            if (decided instanceof Decided.Reply<O> reply) {
                return reply.outcome();
            }
            Decision.LookUpReference<O> lookUp = ((Decided.LookUp<O>) decided).lookUp();
            try {
                known = Optional.of(lookUpStored(walletId, lookUp.reference(), lookUp.forgottenThrough()));
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
     * Asks the store about a reference a wallet may have forgotten; never a guess if it cannot answer.
     *
     * @param walletId the wallet
     * @param reference the reference
     * @param forgottenThrough how far the wallet has forgotten its changes
     * @return the store's answer
     * @throws TemporarilyUnavailableException if the store is unreachable
     */
    public StoredReference lookUpStored(WalletId walletId, Reference reference, long forgottenThrough) {
        try {
            return stored.find(walletId, reference, forgottenThrough);
        } catch (RuntimeException unreachable) {
            LOG.log(Level.DEBUG, "looking up " + reference + " of " + walletId + " in the store failed", unreachable);
            throw new TemporarilyUnavailableException(
                    "this reference may belong to an older change, and the store of older changes is unreachable; "
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

    private <O> Decision<O> decide(WalletWrite<O> write, Wallet wallet, EventStamp stamp,
            Optional<StoredReference> known) {
        try {
            return write.decide().decide(wallet, stamp, known);
        } catch (IllegalStateException brokenInvariant) {
            throw state.halt(brokenInvariant);
        }
    }

    /** Decides a write under the wallet's lock and, if it is accepted, hands its event to the log. */
    private <O> Decided<O> decideAndAppend(WalletSlot slot, WalletWrite<O> write, EventStamp stamp,
            Optional<StoredReference> known) {
        InFlight appended;
        CompletionStage<LogPosition> appending;
        List<Runnable> refusedAtOnce = new ArrayList<>(0);
        synchronized (slot) {
            if (slot.inDoubt) {
                return Decided.failed("an earlier change of this wallet is being confirmed; retry shortly");
            }
            if (slot.inFlight.size() >= settings.maxInFlightPerWallet()) {
                return Decided.failed("too many changes of this wallet in flight; retry shortly");
            }
            Decision<O> decision = decide(write, slot.wallet, stamp, known);
            if (decision instanceof Decision.Settled<O> settled) {
                return new Decided.Reply<>(CompletableFuture.completedFuture(settled.outcome()));
            }
            if (decision instanceof Decision.LookUpReference<O> lookUp) {
                return new Decided.LookUp<>(lookUp);
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
            appending = appendCatchingFailures(appended.event);
            // A log that refused the event at once (a full queue, a closed producer) puts the wallet
            // in doubt before its lock is released: a later change decided in between could be
            // stored while this one is not, and leave a gap in the wallet's sequence.
            failureIfRefusedAtOnce(appending).ifPresent(
                    failure -> readBack.markInDoubt(slot, appended, failure, refusedAtOnce));
        }
        refusedAtOnce.forEach(Runnable::run);
        appending.whenComplete((position, failure) -> onAppendSettled(slot, appended, position, failure));
        return new Decided.Reply<>(appended.balanceAfter.thenApply(
                balanceCents -> write.accepted().of(appended.event, balanceCents)));
    }

    /** What deciding under the lock came to: a reply, or a reference to look up in the store first. */
    private sealed interface Decided<O> {

        record Reply<O>(CompletionStage<O> outcome) implements Decided<O> {}

        record LookUp<O>(Decision.LookUpReference<O> lookUp) implements Decided<O> {}

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

    private CompletionStage<LogPosition> appendCatchingFailures(WalletEvent event) {
        try {
            return log.append(event);
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
