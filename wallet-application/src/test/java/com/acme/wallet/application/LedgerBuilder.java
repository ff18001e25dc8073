package com.acme.wallet.application;

import com.acme.wallet.application.inmemory.InMemoryStoredChanges;
import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.application.port.out.history.ReadHistoryPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Builds a {@link Ledger} for a test: a fixed clock, counting event ids, short recovery
 * pauses so that recovery tests finish quickly, and roomy limits unless a test narrows them.
 */
final class LedgerBuilder {

    static final Instant NOW = Instant.parse("2025-01-01T09:30:00Z");

    private AppendWalletEventsPort log;
    private LoadWalletsPort loader;
    private ReadEventLogPort reader;
    private StoredChangesPort store = new InMemoryStoredChanges();
    private ReadHistoryPort history = new InMemoryWalletHistory(List::of);
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private int rememberedChangesPerWallet = WriterSettings.DEFAULT_REMEMBERED_CHANGES_PER_WALLET;
    private Duration forgetInterval = Duration.ofMillis(5);
    private int maxWallets = WriterSettings.UNLIMITED_WALLETS;
    private int maxInFlightPerWallet = 1_000;
    private int maxInFlightTotal = 10_000;
    private Duration recoveryRetryMin = Duration.ofMillis(2);
    private Duration recoveryRetryMax = Duration.ofMillis(20);
    // Short, so that a test which leaves an append held does not slow the build when it closes.
    private Duration drainTimeout = Duration.ofMillis(100);

    private LedgerBuilder() {}

    static LedgerBuilder aLedger() {
        return new LedgerBuilder();
    }

    <L extends AppendWalletEventsPort & LoadWalletsPort & ReadEventLogPort> LedgerBuilder over(L eventLog) {
        return over(eventLog, eventLog, eventLog);
    }

    LedgerBuilder over(AppendWalletEventsPort appendTo, LoadWalletsPort loadFrom, ReadEventLogPort readFrom) {
        this.log = appendTo;
        this.loader = loadFrom;
        this.reader = readFrom;
        return this;
    }

    LedgerBuilder withMaxInFlightPerWallet(int limit) {
        this.maxInFlightPerWallet = limit;
        return this;
    }

    LedgerBuilder withMaxInFlightTotal(int limit) {
        this.maxInFlightTotal = limit;
        return this;
    }

    /** Changes the ledger forgets are held by this store, and looked up there. */
    LedgerBuilder storingIn(StoredChangesPort store, int rememberedChangesPerWallet) {
        this.store = store;
        this.rememberedChangesPerWallet = rememberedChangesPerWallet;
        return this;
    }

    /** The stored history the ledger's reads of the past are served from. */
    LedgerBuilder withHistory(ReadHistoryPort storedHistory) {
        this.history = storedHistory;
        return this;
    }

    /** The clock events are stamped with; a fixed one at {@link #NOW} unless told. */
    LedgerBuilder withClock(Clock eventClock) {
        this.clock = eventClock;
        return this;
    }

    LedgerBuilder withDrainTimeout(Duration timeout) {
        this.drainTimeout = timeout;
        return this;
    }

    /** Holds at most this many wallets. */
    LedgerBuilder holdingAtMost(int wallets) {
        this.maxWallets = wallets;
        return this;
    }

    /** {@return the ledger, not started yet} */
    Ledger build() {
        WriterSettings settings = new WriterSettings(maxInFlightPerWallet, maxInFlightTotal, recoveryRetryMin,
                recoveryRetryMax, drainTimeout, rememberedChangesPerWallet, forgetInterval, maxWallets);
        return new Ledger(new WalletWriter(log, loader, reader, store, clock, countingIds(), settings), history);
    }

    /** {@return the ledger, started and serving} */
    Ledger started() {
        Ledger ledger = build();
        ledger.start();
        return ledger;
    }

    private static Supplier<UUID> countingIds() {
        // Thread-safe, because requests reach the ledger from many threads at once.
        AtomicLong counter = new AtomicLong();
        return () -> new UUID(0L, counter.incrementAndGet());
    }
}
