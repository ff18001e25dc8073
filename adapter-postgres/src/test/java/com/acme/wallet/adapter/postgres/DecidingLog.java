package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BettingRequest;
import com.acme.wallet.domain.Decision;
import com.acme.wallet.domain.EventStamp;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Metadata;
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
import java.util.Random;
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

    /**
     * Opens a wallet and decides random requests on it: funds changes, bets and wins in four rounds
     * (some closing), rollbacks of earlier references and of references never sent; some are refused.
     *
     * @return the events decided, the opening first
     */
    List<LoggedEvent> randomHistory(Random random, String walletId, int requests) {
        List<LoggedEvent> events = new ArrayList<>(List.of(open(walletId, 500)));
        events.addAll(moreRandomHistory(random, walletId, requests, "ref-"));
        return events;
    }

    /** Decides more random requests on an open wallet, under references that start with the prefix. */
    List<LoggedEvent> moreRandomHistory(Random random, String walletId, int requests, String prefix) {
        List<LoggedEvent> events = new ArrayList<>();
        List<String> references = new ArrayList<>(wallet(walletId).entries().stream()
                .map(entry -> entry.reference().value()).toList());
        for (int i = 0; i < requests; i++) {
            String reference = prefix + i;
            String round = "r-" + random.nextInt(4);
            long cents = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(200);
            BettingRequest request = switch (random.nextInt(6)) {
                case 0 -> {
                    events.add(change(walletId, FundsOperation.ADD, reference, 1 + cents));
                    references.add(reference);
                    yield null;
                }
                case 1, 2 -> JdbiEventStoreBettingIT.bet(reference, round, 1 + cents, random.nextInt(8) == 0,
                        Metadata.of(Map.of("i", Integer.toString(i))));
                case 3 -> JdbiEventStoreBettingIT.win(reference, round, cents, random.nextInt(5) == 0);
                default -> JdbiEventStoreBettingIT.rollback(reference, references.isEmpty() || random.nextInt(4) == 0
                        ? "ghost-" + prefix + i : references.get(random.nextInt(references.size())));
            };
            if (request != null) {
                tryDecide(walletId, request).ifPresent(events::add);
                references.add(reference);
            }
        }
        return events;
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
