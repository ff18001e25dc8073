package com.acme.wallet.application;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Test-data builders for durable events and their log positions, in cents and plain strings.
 *
 * <p>Public because the persister's tests live in the {@code persistence} package. An event's id
 * is derived from its wallet and sequence, so building the same event twice gives equal events,
 * as a log that redelivers one does.
 */
public final class WalletEvents {

    /** The partition events go to unless a test names another. */
    public static final String PARTITION = "wallet-events-0";

    private static final Instant OCCURRED_AT = Instant.parse("2025-01-01T09:00:00Z");

    private WalletEvents() {}

    public static WalletOpened opened(String walletId, long openingCents) {
        return new WalletOpened(eventId(walletId, WalletEvent.FIRST_SEQUENCE), WalletId.of(walletId),
                WalletEvent.FIRST_SEQUENCE, Amount.ofCents(openingCents), OCCURRED_AT);
    }

    public static FundsChanged credit(String walletId, long sequence, long cents, String reference) {
        return change(walletId, sequence, FundsOperation.ADD, cents, reference);
    }

    public static FundsChanged debit(String walletId, long sequence, long cents, String reference) {
        return change(walletId, sequence, FundsOperation.REMOVE, cents, reference);
    }

    /** {@return a position whose opaque bytes are the index within the partition, 8 bytes big-endian} */
    public static LogPosition position(String partition, long index) {
        return new LogPosition(partition, ByteBuffer.allocate(Long.BYTES).putLong(index).array());
    }

    /** {@return the index a {@link #position} was built from} */
    public static long indexOf(LogPosition position) {
        return ByteBuffer.wrap(position.position()).getLong();
    }

    public static LoggedEvent logged(WalletEvent event, String partition, long index) {
        return new LoggedEvent(event, position(partition, index));
    }

    private static FundsChanged change(String walletId, long sequence, FundsOperation operation, long cents,
            String reference) {
        return new FundsChanged(eventId(walletId, sequence), WalletId.of(walletId), sequence, operation,
                Amount.positive(cents), Reference.of(reference), OCCURRED_AT);
    }

    private static UUID eventId(String walletId, long sequence) {
        return UUID.nameUUIDFromBytes((walletId + "#" + sequence).getBytes(StandardCharsets.UTF_8));
    }
}
