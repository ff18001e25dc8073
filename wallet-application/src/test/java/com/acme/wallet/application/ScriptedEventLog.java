package com.acme.wallet.application;

import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.WriterFencedException;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A hand-written event log whose every append follows a script: confirmed at once, held until the
 * test settles it (in any order), failed with the event lost, failed although the event was stored
 * (an unknown outcome that did happen), failed now and stored later (a send that lands after its
 * timeout), thrown from {@code append} itself, or settled later on another thread.
 *
 * <p>Events take their place in the log in the order {@code append} is called, as a real log assigns
 * positions when it receives them; whether an event ends up stored is decided only when it is
 * settled. A barrier behaves as a real log's does: every late event before it lands when it is
 * appended, and it is confirmed only once every earlier append has settled. Loading and reading
 * replay the stored events through the domain, as a durable log does.
 *
 * <p>Futures are completed outside this object's monitor: completing one runs the ledger's
 * callbacks, which take a wallet's lock, while the ledger calls {@code append} holding that lock.
 * Completing under our monitor would invert the lock order and could deadlock.
 */
final class ScriptedEventLog implements AppendWalletEventsPort, LoadWalletsPort, ReadEventLogPort, AutoCloseable {

    /** What the log does with one append. */
    sealed interface Plan {}

    /** The event is stored and the append confirmed at once. */
    record Confirm() implements Plan {}

    /** The append waits until the test settles it through {@link Append}. */
    record Hold() implements Plan {}

    /** The append fails and the event is not in the log. */
    record FailNotStored() implements Plan {}

    /** The append fails, yet the event is in the log: a timeout after the write went through. */
    record FailButStored() implements Plan {}

    /**
     * The append fails now and the event is not in the log yet, but it lands in its place later: at
     * the next barrier, or when the test calls {@link #landLateAppends()}.
     */
    record FailNowLandLater() implements Plan {}

    /** The append fails because another writer took the log over; the event is not in the log. */
    record FencedOff() implements Plan {}

    /** {@code append} throws instead of returning a stage; the event is not in the log. */
    record ThrowOnAppend() implements Plan {}

    /** The append is settled by {@code then} on another thread after {@code delay}. */
    record Delay(Duration delay, Plan then) implements Plan {}

    static final Plan CONFIRM = new Confirm();
    static final Plan HOLD = new Hold();
    static final Plan FAIL_NOT_STORED = new FailNotStored();
    static final Plan FAIL_BUT_STORED = new FailButStored();
    static final Plan THROW_ON_APPEND = new ThrowOnAppend();
    static final Plan FAIL_NOW_LAND_LATER = new FailNowLandLater();
    static final Plan FENCED_OFF = new FencedOff();
    static final String PARTITION = "scripted";

    private static final Instant SEEDED_AT = Instant.parse("2024-12-31T12:00:00Z");

    private enum Status { PENDING, LATE, STORED, LOST }

    private final List<Append> appends = new ArrayList<>();
    private final Map<UUID, Caller> callers = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<Append> waitingBarriers = new ArrayList<>();
    private final ScheduledExecutorService delayedSettlements = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "scripted-log-settlement");
        thread.setDaemon(true);
        return thread;
    });
    private Function<WalletEvent, Plan> script = event -> CONFIRM;
    private int readFailuresLeft;
    private int readBacks;
    private long seededEventCount;

    /** Every append from now on follows this plan. */
    synchronized ScriptedEventLog planEveryAppend(Plan plan) {
        return planAppends(event -> plan);
    }

    /** Appends of this wallet follow the plan; the others keep confirming at once. */
    synchronized ScriptedEventLog planAppendsOf(WalletId walletId, Plan plan) {
        return planAppends(event -> event.walletId().equals(walletId) ? plan : CONFIRM);
    }

    /** Every append from now on follows the plan the script returns for its event. */
    synchronized ScriptedEventLog planAppends(Function<WalletEvent, Plan> newScript) {
        script = newScript;
        return this;
    }

    /** The next {@code count} reads back throw, as an unreachable log would. */
    synchronized ScriptedEventLog failNextReads(int count) {
        readFailuresLeft = count;
        return this;
    }

    /** Stores every event that failed to append but was to land later, each in its own place. */
    void landLateAppends() {
        List<Append> barriersReady;
        synchronized (this) {
            appends.stream().filter(append -> append.status == Status.LATE)
                    .forEach(append -> append.status = Status.STORED);
            barriersReady = barriersReady();
        }
        barriersReady.forEach(barrier -> barrier.reply.complete(barrier.position));
    }

    /** Puts an opening into the log as if an earlier run of the service had written it. */
    synchronized ScriptedEventLog seedOpening(WalletId walletId, long openingCents) {
        return seed(new WalletOpened(seededEventId(), walletId, WalletEvent.FIRST_SEQUENCE,
                Amount.ofCents(openingCents), SEEDED_AT));
    }

    /** Puts a funds change into the log as if an earlier run of the service had written it. */
    synchronized ScriptedEventLog seedChange(WalletId walletId, long sequence, FundsOperation operation,
            long cents, String reference) {
        return seed(new FundsChanged(seededEventId(), walletId, sequence, operation, Amount.positive(cents),
                Reference.of(reference), SEEDED_AT));
    }

    @Override
    public CompletionStage<LogPosition> append(WalletEvent event, Caller caller) {
        synchronized (this) {
            callers.put(event.eventId(), caller);
        }
        return append(event);
    }

    /** {@return who asked for each event appended with its caller, by event id} */
    synchronized Map<UUID, Caller> callers() {
        return Map.copyOf(callers);
    }

    @Override
    public CompletionStage<LogPosition> append(WalletEvent event) {
        Append append;
        Plan plan;
        synchronized (this) {
            plan = script.apply(event);
            append = new Append(event, plan instanceof Hold);
            appends.add(append);
        }
        if (plan instanceof ThrowOnAppend) {
            append.settle(Status.LOST, false);
            throw new IllegalStateException("scripted: the log client refused the append");
        }
        follow(append, plan);
        return append.reply;
    }

    @Override
    public CompletionStage<LogPosition> appendBarrier() {
        Append barrier;
        synchronized (this) {
            barrier = new Append(null, false);
            appends.add(barrier);
            appends.stream().filter(append -> append.status == Status.LATE)
                    .forEach(append -> append.status = Status.STORED);
            barrier.status = Status.STORED;
            waitingBarriers.add(barrier);
        }
        landLateAppends();
        return barrier.reply;
    }

    @Override
    public void loadAll(LogPosition barrier, Consumer<Wallet> sink) {
        Map<WalletId, List<WalletEvent>> eventsByWallet = new LinkedHashMap<>();
        readAfter(LogPositions.none(), barrier, logged -> eventsByWallet
                .computeIfAbsent(logged.event().walletId(), unused -> new ArrayList<>()).add(logged.event()));
        eventsByWallet.forEach((walletId, events) -> {
            Wallet wallet = Wallet.replay(walletId, events);
            if (wallet.isOpen()) {
                sink.accept(wallet);
            }
        });
    }

    @Override
    public void readAfter(LogPositions positions, Consumer<LoggedEvent> sink) {
        throw new UnsupportedOperationException("the ledger reads up to barriers only");
    }

    @Override
    public void readUpTo(LogPositions positions, LogPosition barrier, Consumer<LoggedEvent> sink) {
        synchronized (this) {
            readBacks++;
            if (readFailuresLeft > 0) {
                readFailuresLeft--;
                throw new IllegalArgumentException("scripted: the log cannot be read now");
            }
        }
        readAfter(positions, barrier, sink);
    }

    private void readAfter(LogPositions positions, LogPosition barrier, Consumer<LoggedEvent> sink) {
        long after = positions.of(PARTITION).map(ScriptedEventLog::indexOf).orElse(-1L);
        int end = (int) indexOf(barrier);
        List<LoggedEvent> read = new ArrayList<>();
        synchronized (this) {
            Append atBarrier = appends.get(end);
            if (atBarrier.event != null || !atBarrier.reply.isDone()) {
                violations.add("read up to " + barrier + ", which is no confirmed barrier");
            }
            for (int index = (int) after + 1; index < end; index++) {
                Append append = appends.get(index);
                if (append.event != null && append.status == Status.STORED) {
                    read.add(new LoggedEvent(append.event, append.position));
                }
            }
        }
        read.forEach(sink);
    }

    /** {@return every event the log was asked to append, in the order asked; seeded ones excluded} */
    synchronized List<WalletEvent> receivedEvents() {
        return appends.stream().filter(append -> !append.seeded && append.event != null)
                .map(append -> append.event).toList();
    }

    /** {@return the events the log holds now, in log order} */
    synchronized List<WalletEvent> storedEvents() {
        return appends.stream().filter(append -> append.status == Status.STORED && append.event != null)
                .map(append -> append.event).toList();
    }

    /** {@return the events of one wallet the log holds now, in log order} */
    synchronized List<WalletEvent> storedEventsOf(WalletId walletId) {
        return storedEvents().stream().filter(event -> event.walletId().equals(walletId)).toList();
    }

    /** {@return the wallets the log has events of, seeded or appended} */
    synchronized List<WalletId> walletIds() {
        return appends.stream().filter(append -> append.event != null).map(append -> append.event.walletId())
                .distinct().toList();
    }

    /** {@return the appends held for the test to settle, in the order they arrived} */
    synchronized List<Append> held() {
        return appends.stream().filter(append -> append.heldForTest && append.status == Status.PENDING).toList();
    }

    /** {@return how many appends are not settled yet, held or delayed} */
    synchronized int pendingCount() {
        return (int) appends.stream().filter(append -> append.status == Status.PENDING).count();
    }

    /** {@return the held append of the change with this reference} */
    synchronized Append heldChange(String reference) {
        return held().stream()
                .filter(append -> append.event instanceof ReferencedEvent change
                        && change.reference().value().equals(reference))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no append of " + reference + " is held; held: " + held()));
    }

    /** Waits, boundedly, until this many appends are held; for requests sent from other threads. */
    List<Append> awaitHeld(int count) {
        Await.until(count + " appends held, held now: " + held(), () -> held().size() >= count);
        return held();
    }

    /** {@return how often wallets were read back up to a barrier, failed reads included} */
    synchronized int readBacks() {
        return readBacks;
    }

    /** {@return what the ledger did that a log's client must not do; empty if it behaved} */
    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() {
        delayedSettlements.shutdownNow();
    }

    private ScriptedEventLog seed(WalletEvent event) {
        Append append = new Append(event, false);
        append.seeded = true;
        append.status = Status.STORED;
        appends.add(append);
        append.reply.complete(append.position);
        return this;
    }

    private UUID seededEventId() {
        // Seeded ids live in their own range so that they never collide with the ledger's ids.
        return new UUID(-1L, ++seededEventCount);
    }

    private void follow(Append append, Plan plan) {
        if (plan instanceof Confirm) {
            append.confirm();
        } else if (plan instanceof FailNotStored) {
            append.failNotStored();
        } else if (plan instanceof FailButStored) {
            append.failButStored();
        } else if (plan instanceof FailNowLandLater) {
            append.settle(Status.LATE, false);
        } else if (plan instanceof FencedOff) {
            append.failure = new WriterFencedException("scripted: another writer took the log over", null);
            append.settle(Status.LOST, false);
        } else if (plan instanceof Delay delay) {
            delayedSettlements.schedule(() -> follow(append, delay.then()),
                    delay.delay().toNanos(), TimeUnit.NANOSECONDS);
        } else if (!(plan instanceof Hold)) {
            throw new IllegalArgumentException("plan " + plan + " cannot be followed after append returned");
        }
    }

    private List<Append> barriersReady() {
        List<Append> ready = new ArrayList<>();
        for (Append barrier : List.copyOf(waitingBarriers)) {
            int index = appends.indexOf(barrier);
            if (appends.subList(0, index).stream().noneMatch(append -> append.status == Status.PENDING)) {
                waitingBarriers.remove(barrier);
                ready.add(barrier);
            }
        }
        return ready;
    }

    private static LogPosition positionOf(int index) {
        return new LogPosition(PARTITION, ByteBuffer.allocate(Long.BYTES).putLong(index).array());
    }

    private static long indexOf(LogPosition position) {
        return ByteBuffer.wrap(position.position()).getLong();
    }

    /** One append the log received (an event, or a barrier when the event is null), and the test's handle to settle it. */
    final class Append {
        private final WalletEvent event;
        private final LogPosition position;
        private final CompletableFuture<LogPosition> reply = new CompletableFuture<>();
        private final boolean heldForTest;
        private Status status = Status.PENDING;
        private boolean seeded;
        private RuntimeException failure;

        private Append(WalletEvent event, boolean heldForTest) {
            // Called under the log's monitor, just before the append takes this place.
            this.position = positionOf(appends.size());
            this.event = event;
            this.heldForTest = heldForTest;
        }

        WalletEvent event() {
            return event;
        }

        /** The event is durable and the log says so. */
        void confirm() {
            settle(Status.STORED, true);
        }

        /** The log reports a failure and indeed did not store the event. */
        void failNotStored() {
            settle(Status.LOST, false);
        }

        /** The log reports a failure although it did store the event. */
        void failButStored() {
            settle(Status.STORED, false);
        }

        private void settle(Status outcome, boolean confirmed) {
            List<Append> barriers;
            synchronized (ScriptedEventLog.this) {
                if (status != Status.PENDING) {
                    throw new IllegalStateException(event + " was settled twice");
                }
                status = outcome;
                barriers = barriersReady();
            }
            if (confirmed) {
                reply.complete(position);
            } else {
                reply.completeExceptionally(failure != null ? failure
                        : new IllegalStateException("scripted: append of " + event + " timed out"));
            }
            barriers.forEach(barrier -> barrier.reply.complete(barrier.position));
        }

        @Override
        public String toString() {
            if (event == null) {
                return "barrier at " + position;
            }
            return event.walletId() + "#" + event.sequence() + (event instanceof FundsChanged change
                    ? " " + change.operation() + " " + change.amount() + " " + change.reference()
                    : event instanceof ReferencedEvent other ? " " + other.getClass().getSimpleName() + " "
                            + other.reference() : " opening " + event.amount());
        }
    }
}
