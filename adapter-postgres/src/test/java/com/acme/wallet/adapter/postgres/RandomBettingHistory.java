package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.BettingRequest;
import com.acme.wallet.domain.Decision;
import com.acme.wallet.domain.EventStamp;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WinRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A random history of bets, wins, rollbacks, funds changes, tombstones and refusals, decided by
 * the domain's own {@link Wallet}s as the writer decides them: up to three changes of a wallet in
 * flight at once (so refusals show less than the balance), and now and then appends of unknown
 * outcome of which the log turns out to hold only some (so sequences have gaps and debits in
 * flight vanish). The events are those the log would hold, in its order.
 */
final class RandomBettingHistory {

    private static final Instant START = Instant.parse("2025-06-01T10:00:00.000001Z");
    private static final int IN_FLIGHT_MAX = 3;

    private final Random random;
    private final TestLog log;
    private final List<LoggedEvent> logged = new ArrayList<>();
    private final List<Player> players = new ArrayList<>();
    private long decisions;

    /** One wallet as its writer holds it, with what the history may refer to next. */
    private static final class Player {
        final Wallet wallet;
        final List<WalletEvent> inFlight = new ArrayList<>();
        final List<String> references = new ArrayList<>();
        final List<String> ghosts = new ArrayList<>();
        int rounds;

        Player(Wallet wallet) {
            this.wallet = wallet;
        }
    }

    RandomBettingHistory(long seed, TestLog log) {
        this.random = new Random(seed);
        this.log = log;
    }

    /**
     * Decides requests of random wallets.
     *
     * @param walletCount how many wallets
     * @param requestCount how many requests in all, after the openings
     * @return the events the log holds, in its order
     */
    List<LoggedEvent> decide(int walletCount, int requestCount) {
        for (int i = 0; i < walletCount; i++) {
            Player player = new Player(Wallet.unopened(WalletId.of("player-" + i)));
            players.add(player);
            append(player, player.wallet.decideOpen(Amount.ofCents(random.nextInt(2_000)), stamp()));
            settle(player);
        }
        for (int i = 0; i < requestCount; i++) {
            Player player = players.get(random.nextInt(players.size()));
            decideOne(player, "ref-" + i);
            if (player.inFlight.size() >= 1 + random.nextInt(IN_FLIGHT_MAX)) {
                settle(player);
            }
        }
        players.forEach(this::settle);
        return List.copyOf(logged);
    }

    private void decideOne(Player player, String reference) {
        int choice = random.nextInt(100);
        if (choice < 15) {
            FundsOperation operation = random.nextBoolean() ? FundsOperation.ADD : FundsOperation.REMOVE;
            Amount amount = Amount.positive(1 + random.nextInt(800));
            decide(player, reference, () -> player.wallet.decideChange(operation, amount, Reference.of(reference),
                    stamp()));
            return;
        }
        BettingRequest request = choice < 50 ? bet(player, reference) : choice < 75 ? win(player, reference)
                : rollback(player, reference);
        decide(player, request.reference().value(), () -> player.wallet.decideBetting(request, stamp()));
    }

    private BetRequest bet(Player player, String reference) {
        // Now and then the original of an earlier tombstone arrives: refused without an event.
        String own = !player.ghosts.isEmpty() && random.nextInt(10) == 0
                ? player.ghosts.get(random.nextInt(player.ghosts.size())) : reference;
        return new BetRequest(Reference.of(own), round(player, true), Amount.positive(1 + random.nextInt(500)),
                random.nextInt(8) == 0, Metadata.NONE);
    }

    private WinRequest win(Player player, String reference) {
        return new WinRequest(Reference.of(reference), round(player, false), Amount.ofCents(random.nextInt(700)),
                random.nextInt(4) == 0, Metadata.NONE);
    }

    private RollbackRequest rollback(Player player, String reference) {
        String original;
        if (player.references.isEmpty() || random.nextInt(8) == 0) {
            original = "ghost-" + reference;
            player.ghosts.add(original);
        } else {
            original = player.references.get(player.references.size() - 1 - random.nextInt(
                    Math.min(12, player.references.size())));
        }
        return new RollbackRequest(Reference.of(reference), Reference.of(original));
    }

    /** One of the wallet's last few rounds, or (for a bet, sometimes) a new one. */
    private RoundId round(Player player, boolean mayOpen) {
        if (player.rounds == 0 || mayOpen && random.nextInt(3) == 0) {
            player.rounds++;
        }
        return RoundId.of("round-" + Math.max(1, player.rounds - random.nextInt(3)));
    }

    private void decide(Player player, String reference, Supplier<Decision<?>> decision) {
        Decision<?> decided = decision.get();
        if (decided instanceof Decision.DecideAfter<?> || decided instanceof Decision.AwaitInFlight<?>) {
            settle(player);
            decided = decision.get();
        }
        if (decided instanceof Decision.Append<?>) {
            player.references.add(reference);
            append(player, decided);
        } else if (!(decided instanceof Decision.Settled<?>)) {
            throw new IllegalStateException("a wallet that forgets nothing decided " + decided);
        }
    }

    private void append(Player player, Decision<?> decision) {
        player.inFlight.add(((Decision.Append<?>) decision).event());
    }

    /**
     * Ends the wallet's changes in flight: usually the log confirms them all; one time in ten the
     * appends' outcome is unknown, the writer discards them and applies those the log holds.
     */
    private void settle(Player player) {
        if (player.inFlight.size() > 1 && random.nextInt(10) == 0) {
            List<WalletEvent> held = player.inFlight.stream().filter(event -> random.nextBoolean()).toList();
            player.wallet.discardInFlight();
            held.forEach(event -> {
                player.wallet.applyDurable(event);
                logged.add(log.next(event));
            });
        } else {
            player.inFlight.forEach(event -> {
                player.wallet.confirm(event);
                logged.add(log.next(event));
            });
        }
        player.inFlight.clear();
    }

    private EventStamp stamp() {
        decisions++;
        return new EventStamp(UUID.randomUUID(), START.plus(decisions * 1_001, ChronoUnit.MICROS));
    }
}
