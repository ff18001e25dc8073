package com.acme.wallet.application;

import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.UnreadableEventException;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A hand-written durable log with partitions: each message has a position whose bytes are its
 * index within its partition (see {@link WalletEvents#position}), as opaque to the loader as a
 * real log's message ids. A wallet's events all go to one partition, as a log keyed by wallet
 * does.
 *
 * <p>It also takes a ledger's appends, confirmed at once unless a test scripts a failure, so that
 * a ledger can run over a snapshot and this log.
 */
final class InMemoryPartitionedLog implements ReadEventLogPort, AppendWalletEventsPort {

    /** How the next append fails: its outcome is unknown to the ledger either way. */
    enum AppendFailure {
        /** The event is in the log although the append failed: a timeout after the write. */
        STORED,
        /** The event never reached the log. */
        NOT_STORED
    }

    /**
     * A message in the log; an empty event is a message that is not a readable wallet event, unless
     * it is a barrier.
     */
    private record Message(Optional<WalletEvent> event, LogPosition position, boolean barrier) {

        Message(Optional<WalletEvent> event, LogPosition position) {
            this(event, position, false);
        }
    }

    private final List<Message> messages = new ArrayList<>();
    private final Map<String, Long> nextIndexByPartition = new HashMap<>();
    private final Map<WalletId, String> partitionByWallet = new HashMap<>();
    private final List<LogPositions> readsAfter = new ArrayList<>();
    private final Deque<AppendFailure> appendFailures = new ArrayDeque<>();

    /** Sends the wallet's events to the partition; others go to {@link WalletEvents#PARTITION}. */
    synchronized InMemoryPartitionedLog routing(String walletId, String partition) {
        partitionByWallet.put(WalletId.of(walletId), partition);
        return this;
    }

    synchronized InMemoryPartitionedLog holding(WalletEvent... events) {
        for (WalletEvent event : events) {
            store(event);
        }
        return this;
    }

    synchronized InMemoryPartitionedLog holdingUnreadableMessageIn(String partition) {
        messages.add(new Message(Optional.empty(), nextPosition(partition)));
        return this;
    }

    synchronized InMemoryPartitionedLog failingNextAppend(AppendFailure failure) {
        appendFailures.addLast(failure);
        return this;
    }

    @Override
    public synchronized CompletionStage<LogPosition> append(WalletEvent event) {
        AppendFailure failure = appendFailures.pollFirst();
        LogPosition position = failure != AppendFailure.NOT_STORED ? store(event) : null;
        return failure == null
                ? CompletableFuture.completedFuture(position)
                : CompletableFuture.failedFuture(new IllegalStateException("append not confirmed: " + failure));
    }

    /** Appends a barrier to the default partition, which holds every wallet not routed elsewhere. */
    @Override
    public synchronized CompletionStage<LogPosition> appendBarrier() {
        LogPosition position = nextPosition(WalletEvents.PARTITION);
        messages.add(new Message(Optional.empty(), position, true));
        return CompletableFuture.completedFuture(position);
    }

    @Override
    public void readUpTo(LogPositions positions, LogPosition barrier, Consumer<LoggedEvent> sink) {
        synchronized (this) {
            if (messages.stream().noneMatch(message -> message.barrier() && message.position().equals(barrier))) {
                throw new IllegalStateException("no barrier at " + barrier);
            }
        }
        readAfter(positions, logged -> {
            boolean beforeBarrier = !logged.position().partition().equals(barrier.partition())
                    || WalletEvents.indexOf(logged.position()) < WalletEvents.indexOf(barrier);
            if (beforeBarrier) {
                sink.accept(logged);
            }
        });
    }

    @Override
    public void readAfter(LogPositions positions, Consumer<LoggedEvent> sink) {
        // The log as it is when the read starts, and the sink called without our lock held.
        List<Message> snapshot;
        synchronized (this) {
            readsAfter.add(positions);
            snapshot = List.copyOf(messages);
        }
        for (Message message : snapshot) {
            if (!message.barrier() && isAfter(message.position(), positions)) {
                WalletEvent event = message.event().orElseThrow(() -> new UnreadableEventException(
                        message.position(), "not a wallet event", null));
                sink.accept(new LoggedEvent(event, message.position()));
            }
        }
    }

    /** {@return the first events appended, in log order} @throws IllegalArgumentException at an unreadable one */
    synchronized List<WalletEvent> firstEvents(int count) {
        return messages.subList(0, count).stream().filter(message -> !message.barrier())
                .map(message -> message.event().orElseThrow(IllegalArgumentException::new))
                .toList();
    }

    /** {@return the last position of each partition among the first messages appended} */
    synchronized LogPositions positionsOfFirst(int count) {
        Map<String, LogPosition> lastByPartition = new LinkedHashMap<>();
        messages.subList(0, count).forEach(message -> lastByPartition.put(message.position().partition(),
                message.position()));
        return LogPositions.of(lastByPartition.values());
    }

    synchronized int size() {
        return messages.size();
    }

    /** {@return the positions each read started after, in the order the reads came} */
    synchronized List<LogPositions> readsAfter() {
        return List.copyOf(readsAfter);
    }

    private LogPosition store(WalletEvent event) {
        String partition = partitionByWallet.getOrDefault(event.walletId(), WalletEvents.PARTITION);
        LogPosition position = nextPosition(partition);
        messages.add(new Message(Optional.of(event), position));
        return position;
    }

    private LogPosition nextPosition(String partition) {
        long index = nextIndexByPartition.merge(partition, 1L, Long::sum) - 1;
        return WalletEvents.position(partition, index);
    }

    private static boolean isAfter(LogPosition position, LogPositions positions) {
        return positions.of(position.partition())
                .map(start -> WalletEvents.indexOf(position) > WalletEvents.indexOf(start))
                .orElse(true);
    }
}
