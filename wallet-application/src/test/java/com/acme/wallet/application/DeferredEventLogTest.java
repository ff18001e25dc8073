package com.acme.wallet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.inmemory.InMemoryStoredChanges;
import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.WalletId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeferredEventLogTest {

    @Test
    void before_it_is_opened_loading_is_refused_and_an_append_fails_without_reaching_any_log() {
        DeferredEventLog deferred = new DeferredEventLog();

        assertThatThrownBy(() -> deferred.readAfter(LogPositions.none(), logged -> { }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(deferred.append(WalletEvents.opened("andrei", 100)).toCompletableFuture())
                .isCompletedExceptionally();
        assertThat(deferred.appendBarrier().toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void once_opened_it_appends_to_and_loads_from_the_log_handed_over() {
        InMemoryEventLog memory = new InMemoryEventLog();
        DeferredEventLog deferred = new DeferredEventLog();

        deferred.open(memory, memory, memory);
        deferred.append(WalletEvents.opened("andrei", 100)).toCompletableFuture().join();
        LogPosition barrier = deferred.appendBarrier().toCompletableFuture().join();

        assertThat(memory.events()).hasSize(1);
        List<WalletId> loaded = new ArrayList<>();
        deferred.loadAll(barrier, wallet -> loaded.add(wallet.id()));
        assertThat(loaded).containsExactly(WalletId.of("andrei"));
        List<LoggedEvent> read = new ArrayList<>();
        deferred.readUpTo(LogPositions.none(), barrier, read::add);
        assertThat(read).hasSize(1);
    }

    @Test
    void it_is_opened_once_only() {
        InMemoryEventLog memory = new InMemoryEventLog();
        DeferredEventLog deferred = new DeferredEventLog();
        deferred.open(memory, memory, memory);

        assertThatThrownBy(() -> deferred.open(memory, memory, memory)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_ledger_on_it_answers_starting_until_it_is_opened_and_started() {
        DeferredEventLog deferred = new DeferredEventLog();
        try (Ledger ledger = new Ledger(new WalletWriter(deferred, deferred, deferred, new InMemoryStoredChanges(),
                Clock.systemUTC(), UUID::randomUUID, WriterSettings.defaults()), new InMemoryWalletHistory(List::of))) {
            assertThat(ledger.readyForWrites()).isFalse();
            assertThatThrownBy(() -> ledger.find(WalletId.of("andrei")))
                    .isInstanceOf(TemporarilyUnavailableException.class);

            InMemoryEventLog memory = new InMemoryEventLog();
            deferred.open(memory, memory, memory);
            ledger.start();

            assertThat(ledger.readyForWrites()).isTrue();
        }
    }
}
