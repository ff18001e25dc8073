package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BettingRequest;
import com.acme.wallet.domain.Decision;
import com.acme.wallet.domain.EventStamp;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes events as the writer decides them: each request is decided by the domain's own
 * {@link Wallet}, which the log then confirms at once. So the events are those the service logs,
 * refusals and tombstones included, and the wallets hold the entries the writer would answer with.
 * Times step by a little over a millisecond, in whole microseconds, as the writer's clock gives them.
 */
final class DecidingLog {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00.000001Z");

    private final TestLog log;
    private final Map<WalletId, Wallet> wallets = new HashMap<>();
    private final List<LoggedEvent> written = new ArrayList<>();
    private long decisions;

    DecidingLog(TestLog log) {
        this.log = log;
    }

    LoggedEvent open(String walletId, long cents) {
        Wallet wallet = wallets.computeIfAbsent(WalletId.of(walletId), Wallet::unopened);
        return confirmed(wallet, wallet.decideOpen(Amount.ofCents(cents), stamp()));
    }

    LoggedEvent decide(String walletId, BettingRequest request) {
        return tryDecide(walletId, request).orElseThrow(() -> new IllegalStateException(
                "the wallet appended nothing for " + request));
    }

    /** {@return the event the request was decided as, or empty if it was answered without one} */
    Optional<LoggedEvent> tryDecide(String walletId, BettingRequest request) {
        Wallet wallet = wallet(walletId);
        Decision<?> decision = wallet.decideBetting(request, stamp());
        return decision instanceof Decision.Append<?> ? Optional.of(confirmed(wallet, decision)) : Optional.empty();
    }

    LoggedEvent change(String walletId, FundsOperation operation, String reference, long cents) {
        Wallet wallet = wallet(walletId);
        return confirmed(wallet, wallet.decideChange(operation, Amount.positive(cents), Reference.of(reference),
                stamp()));
    }

    /** {@return the wallet as the writer holds it, every entry remembered} */
    Wallet wallet(String walletId) {
        Wallet wallet = wallets.get(WalletId.of(walletId));
        if (wallet == null) {
            throw new IllegalArgumentException(walletId + " was never opened");
        }
        return wallet;
    }

    /** {@return every entry of every wallet, as the writer holds them} */
    List<LedgerEntry> entries() {
        return wallets.values().stream().flatMap(wallet -> wallet.entries().stream()).toList();
    }

    /** {@return every event decided so far, in log order} */
    List<LoggedEvent> written() {
        return List.copyOf(written);
    }

    private LoggedEvent confirmed(Wallet wallet, Decision<?> decision) {
        if (!(decision instanceof Decision.Append<?> append)) {
            throw new IllegalStateException("the wallet appended nothing: " + decision);
        }
        WalletEvent event = append.event();
        wallet.confirm(event);
        LoggedEvent logged = log.next(event);
        written.add(logged);
        return logged;
    }

    private EventStamp stamp() {
        decisions++;
        return new EventStamp(UUID.randomUUID(), START.plus(decisions * 1_001, ChronoUnit.MICROS));
    }
}
