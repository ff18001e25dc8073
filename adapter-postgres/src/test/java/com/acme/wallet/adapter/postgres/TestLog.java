package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events as the durable log would deliver them: each wallet's events numbered from 1, each
 * with a fresh id, at increasing positions of one partition.
 */
final class TestLog {

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final String partition;
    private final Map<String, Long> lastSequences = new HashMap<>();
    private long offset;

    TestLog(String partition) {
        this.partition = partition;
    }

    LoggedEvent open(String walletId, long cents) {
        return next(new WalletOpened(UUID.randomUUID(), WalletId.of(walletId), nextSequence(walletId),
                Amount.ofCents(cents), nextTime()));
    }

    LoggedEvent add(String walletId, String reference, long cents) {
        return change(walletId, nextSequence(walletId), FundsOperation.ADD, reference, cents);
    }

    LoggedEvent remove(String walletId, String reference, long cents) {
        return change(walletId, nextSequence(walletId), FundsOperation.REMOVE, reference, cents);
    }

    /** A change at a sequence chosen by the test, which leaves the wallet's numbering alone. */
    LoggedEvent change(String walletId, long sequence, FundsOperation operation, String reference, long cents) {
        return next(new FundsChanged(UUID.randomUUID(), WalletId.of(walletId), sequence, operation,
                Amount.positive(cents), Reference.of(reference), nextTime()));
    }

    /** The same event content under another event id, as a second writer's history would hold it. */
    LoggedEvent withAnotherId(LoggedEvent logged) {
        WalletEvent event = logged.event();
        WalletEvent copy = event instanceof FundsChanged change
                ? new FundsChanged(UUID.randomUUID(), change.walletId(), change.sequence(), change.operation(),
                        change.amount(), change.reference(), change.occurredAt())
                : new WalletOpened(UUID.randomUUID(), event.walletId(), event.sequence(), event.amount(),
                        event.occurredAt());
        return next(copy);
    }

    String partition() {
        return partition;
    }

    /** An event made elsewhere, at the log's next position; it leaves the wallets' numbering alone. */
    LoggedEvent next(WalletEvent event) {
        offset++;
        byte[] position = ByteBuffer.allocate(Long.BYTES).putLong(offset).array();
        return new LoggedEvent(event, new LogPosition(partition, position));
    }

    private long nextSequence(String walletId) {
        return lastSequences.merge(walletId, 1L, Long::sum);
    }

    /** Millisecond steps, so that times survive PostgreSQL's microsecond precision unchanged. */
    private Instant nextTime() {
        return START.plusMillis(offset);
    }
}
