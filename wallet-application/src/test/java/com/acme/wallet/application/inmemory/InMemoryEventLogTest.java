package com.acme.wallet.application.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryEventLogTest {

    private static final Instant NOW = Instant.parse("2025-01-01T09:30:00Z");
    private static final WalletId ALICE = WalletId.of("alice");

    private final InMemoryEventLog log = new InMemoryEventLog();

    @Test
    void an_append_is_confirmed_at_once_and_kept() {
        WalletOpened opening = new WalletOpened(UUID.randomUUID(), ALICE, 1, Amount.ofCents(100), NOW);

        assertThat(log.append(opening).toCompletableFuture()).isCompleted();
        assertThat(log.events()).containsExactly(opening);
    }

    @Test
    void a_wallet_is_loaded_back_by_replaying_its_events() {
        log.append(new WalletOpened(UUID.randomUUID(), ALICE, 1, Amount.ofCents(100), NOW));
        log.append(new FundsChanged(UUID.randomUUID(), ALICE, 2, FundsOperation.REMOVE, Amount.positive(30),
                Reference.of("bet-1"), NOW));

        List<Wallet> wallets = new ArrayList<>();
        log.loadAll(log.appendBarrier().toCompletableFuture().join(), wallets::add);
        Wallet loaded = wallets.get(0);

        assertThat(loaded.balanceCents()).isEqualTo(70);
        assertThat(loaded.lastSequence()).isEqualTo(2);
        assertThat(loaded.appliedChange(Reference.of("bet-1"))).isPresent();
    }

    @Test
    void only_wallets_whose_opening_is_in_the_log_are_loaded() {
        log.append(new WalletOpened(UUID.randomUUID(), WalletId.of("bob"), 1, Amount.ofCents(5), NOW));
        List<Wallet> loaded = new ArrayList<>();

        log.loadAll(log.appendBarrier().toCompletableFuture().join(), loaded::add);

        assertThat(loaded).extracting(Wallet::id).containsExactly(WalletId.of("bob"));
    }

    @Test
    void events_appended_after_a_barrier_are_not_read_up_to_it() {
        WalletOpened opening = new WalletOpened(UUID.randomUUID(), ALICE, 1, Amount.ofCents(100), NOW);
        log.append(opening);
        LogPosition barrier = log.appendBarrier().toCompletableFuture().join();
        log.append(new FundsChanged(UUID.randomUUID(), ALICE, 2, FundsOperation.REMOVE, Amount.positive(30),
                Reference.of("bet-1"), NOW));
        List<WalletEvent> read = new ArrayList<>();

        log.readUpTo(LogPositions.none(), barrier, logged -> read.add(logged.event()));

        assertThat(read).containsExactly(opening);
    }
}
