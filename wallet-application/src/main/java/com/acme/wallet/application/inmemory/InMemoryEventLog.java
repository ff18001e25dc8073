package com.acme.wallet.application.inmemory;

import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * An event log held in this process's memory. <strong>Not durable</strong>: everything is lost when
 * the process stops.
 *
 * <p>For tests and for trying the API without infrastructure ({@code WALLET_LOG=memory}). Appends
 * are confirmed at once; loading replays the events through the domain, like a durable log does.
 * Entries, events and barriers alike, are numbered in one partition in the order they come.
 */
public final class InMemoryEventLog implements AppendWalletEventsPort, LoadWalletsPort, ReadEventLogPort {

    /** The one partition of this log. */
    public static final String PARTITION = "memory";

    /** One entry of the log: an event, or a barrier when empty. */
    private record Entry(Optional<WalletEvent> event, LogPosition position) {}

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized CompletionStage<LogPosition> append(WalletEvent event) {
        return CompletableFuture.completedFuture(add(Optional.of(event)));
    }

    @Override
    public synchronized CompletionStage<LogPosition> appendBarrier() {
        return CompletableFuture.completedFuture(add(Optional.empty()));
    }

    @Override
    public void loadAll(LogPosition barrier, Consumer<Wallet> sink) {
        Map<WalletId, List<WalletEvent>> eventsByWallet = new LinkedHashMap<>();
        readUpTo(LogPositions.none(), barrier, logged -> eventsByWallet
                .computeIfAbsent(logged.event().walletId(), unused -> new ArrayList<>()).add(logged.event()));
        eventsByWallet.forEach((id, events) -> {
            Wallet wallet = Wallet.replay(id, events);
            if (wallet.isOpen()) {
                sink.accept(wallet);
            }
        });
    }

    @Override
    public void readAfter(LogPositions positions, Consumer<LoggedEvent> sink) {
        List<Entry> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(entries);
        }
        long after = positions.of(PARTITION).map(InMemoryEventLog::indexOf).orElse(-1L);
        for (Entry entry : snapshot) {
            if (indexOf(entry.position()) > after) {
                entry.event().ifPresent(event -> sink.accept(new LoggedEvent(event, entry.position())));
            }
        }
    }

    @Override
    public void readUpTo(LogPositions positions, LogPosition barrier, Consumer<LoggedEvent> sink) {
        long last = indexOf(barrier);
        synchronized (this) {
            if (last >= entries.size() || entries.get((int) last).event().isPresent()) {
                throw new IllegalStateException("no barrier at " + barrier);
            }
        }
        readAfter(positions, logged -> {
            if (indexOf(logged.position()) < last) {
                sink.accept(logged);
            }
        });
    }

    /** {@return every event appended so far, in order; a copy} */
    public synchronized List<WalletEvent> events() {
        return entries.stream().flatMap(entry -> entry.event().stream()).toList();
    }

    private LogPosition add(Optional<WalletEvent> event) {
        LogPosition position = new LogPosition(PARTITION,
                ByteBuffer.allocate(Long.BYTES).putLong(entries.size()).array());
        entries.add(new Entry(event, position));
        return position;
    }

    private static long indexOf(LogPosition position) {
        if (!PARTITION.equals(position.partition())) {
            throw new IllegalArgumentException("position " + position + " is not of the in-memory log");
        }
        return ByteBuffer.wrap(position.position()).getLong();
    }
}
