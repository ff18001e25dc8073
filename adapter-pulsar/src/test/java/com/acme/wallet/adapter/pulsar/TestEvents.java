package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds valid event streams: each wallet's first event opens it with 1,000 cents, the following
 * ones alternately add and remove a few cents, with consecutive sequence numbers and references.
 */
final class TestEvents {

    private final Map<String, Long> lastSequences = new HashMap<>();
    private final Instant start = Instant.parse("2026-11-26T12:00:00Z");

    /**
     * The next event of a wallet.
     *
     * @param wallet the wallet id
     * @return its opening if it has none yet, otherwise a change
     */
    WalletEvent next(String wallet) {
        long sequence = lastSequences.merge(wallet, 1L, Long::sum);
        UUID eventId = UUID.randomUUID();
        Instant at = start.plusMillis(sequence);
        if (sequence == WalletEvent.FIRST_SEQUENCE) {
            return new WalletOpened(eventId, WalletId.of(wallet), sequence, Amount.ofCents(1_000), at);
        }
        FundsOperation operation = sequence % 2 == 0 ? FundsOperation.ADD : FundsOperation.REMOVE;
        return new FundsChanged(eventId, WalletId.of(wallet), sequence, operation, Amount.positive(sequence % 7 + 1),
                Reference.of("bet-" + wallet + "-" + sequence), at);
    }

    /**
     * Events of several wallets, taking turns.
     *
     * @param count how many events in all
     * @param wallets the wallets
     * @return the events in the order they should be appended
     */
    List<WalletEvent> interleaved(int count, String... wallets) {
        List<WalletEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(next(wallets[i % wallets.length]));
        }
        return events;
    }
}
