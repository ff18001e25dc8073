package com.acme.wallet.endtoend;

import com.acme.wallet.client.Exchange;
import com.acme.wallet.client.Outcome;
import com.acme.wallet.client.RoundLeg;
import com.acme.wallet.client.WalletClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every request the fault harness sent and what came of it, in the order the answers arrived: the
 * record the audit checks PostgreSQL and the REST API against. Changes go out through
 * {@code wallet-client}; each request it sends for a change (its retries too) is one attempt,
 * seen through its exchange listener, and each call's outcome is kept beside them.
 */
final class TrafficHistory {

    /** The status recorded when no HTTP answer came: refused or reset connection. */
    static final int NO_ANSWER = 0;
    /** The status recorded when the client gave up waiting. */
    static final int TIMED_OUT = -1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Sent> calls = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> clientFailures = new ConcurrentLinkedQueue<>();

    /**
     * The codes of the refusals a wallet records as the reference's final outcome (an event in the
     * log, a REJECTED row in PostgreSQL). Other refusals (400, an unknown wallet, a reference
     * conflict, a reference rolled back before it came) are answered without a record.
     */
    static final Set<String> RECORDED_REFUSALS = Set.of("insufficient_funds", "balance_limit_exceeded",
            "round_not_found", "round_closed", "already_rolled_back", "bet_already_settled", "not_rollbackable");

    /**
     * One request to a wallet, identified by its wallet and reference; it may be sent several times.
     * {@link #kind()} and {@link #amount()} are what PostgreSQL's row of it holds.
     */
    sealed interface Change permits Funds, Bet, Win, Rollback {

        String wallet();

        String reference();

        /** {@return the row's kind: ADD, REMOVE, BET, WIN or ROLLBACK} */
        String kind();

        /** {@return the amount asked for; a rollback names none} */
        long amount();

        /** {@return the change sent through the client, as its typed call} */
        CompletableFuture<Outcome> sendWith(WalletClient client);
    }

    /** An add or a remove of funds, the seed's change. */
    record Funds(String wallet, boolean add, long amount, String reference) implements Change {

        @Override
        public String kind() {
            return add ? "ADD" : "REMOVE";
        }

        @Override
        public CompletableFuture<Outcome> sendWith(WalletClient client) {
            return add ? client.addFundsAsync(wallet, amount, reference) : client.removeFundsAsync(wallet, amount, reference);
        }

        /** {@return the change's effect on the balance when applied} */
        long delta() {
            return add ? amount : -amount;
        }
    }

    /** A stake into a round. */
    record Bet(String wallet, String reference, String roundId, long amount, boolean closesRound) implements Change {

        @Override
        public String kind() {
            return "BET";
        }

        @Override
        public CompletableFuture<Outcome> sendWith(WalletClient client) {
            return client.betAsync(wallet, leg(reference, roundId, amount, closesRound));
        }
    }

    /** A win paid into a round; 0 closes a lost round. */
    record Win(String wallet, String reference, String roundId, long amount, boolean closesRound) implements Change {

        @Override
        public String kind() {
            return "WIN";
        }

        @Override
        public CompletableFuture<Outcome> sendWith(WalletClient client) {
            return client.winAsync(wallet, leg(reference, roundId, amount, closesRound));
        }
    }

    /** A rollback of a bet or a win, which may come before it, or instead of it. */
    record Rollback(String reference, Change original) implements Change {

        Rollback {
            if (!(original instanceof Bet || original instanceof Win)) {
                throw new IllegalArgumentException("the traffic rolls back bets and wins, not " + original);
            }
        }

        @Override
        public String wallet() {
            return original.wallet();
        }

        @Override
        public String kind() {
            return "ROLLBACK";
        }

        @Override
        public long amount() {
            return 0;
        }

        @Override
        public CompletableFuture<Outcome> sendWith(WalletClient client) {
            return client.rollbackAsync(wallet(), reference, original.reference());
        }

        /** {@return how much rolling the original back moves the balance: a bet's stake back, a win taken back} */
        long refund() {
            return original instanceof Bet ? original.amount() : -original.amount();
        }
    }

    private static RoundLeg leg(String reference, String roundId, long amount, boolean closesRound) {
        RoundLeg leg = RoundLeg.of(reference, roundId, amount);
        return closesRound ? leg.closingRound() : leg;
    }

    /**
     * One sending of a change.
     *
     * @param change what was sent
     * @param status the HTTP status, {@link #NO_ANSWER} or {@link #TIMED_OUT}
     * @param startedNanos {@link System#nanoTime()} when it was sent
     * @param endedNanos when its answer (or failure) came
     * @param detail the answer's body or the failure, for reports
     */
    record Attempt(Change change, int status, long startedNanos, long endedNanos, String detail) {

        /** {@return whether the service acknowledged the change: it is applied} */
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        /** {@return whether the service refused the change: it is not applied} */
        boolean refused() {
            return status >= 400 && status < 500;
        }

        /** {@return whether the service refused the change and recorded the refusal as its outcome} */
        boolean recordedRefusal() {
            return refused() && RECORDED_REFUSALS.contains(code());
        }

        /** {@return the error code of a refusal, "" for any other answer} */
        String code() {
            return refused() ? answer().path("code").asText("") : "";
        }

        /** {@return the answer's JSON body; a missing node if there was none} */
        JsonNode answer() {
            try {
                return status > 0 ? JSON.readTree(detail) : MissingNode.getInstance();
            } catch (IOException notJson) {
                return MissingNode.getInstance();
            }
        }

        /** {@return whether the outcome is known either way} */
        boolean definite() {
            return acknowledged() || refused();
        }

        long latencyMillis() {
            return (endedNanos - startedNanos) / 1_000_000;
        }

        /** {@return whether the attempt was sent and answered within the window} */
        boolean within(long fromNanos, long toNanos) {
            return startedNanos >= fromNanos && endedNanos <= toNanos;
        }
    }

    /**
     * What one call of the client made of a change: its outcome, and the requests it sent for it
     * (its lookups are not attempts: they change nothing).
     *
     * @param change what was sent
     * @param outcome what the client reported
     * @param attempts the change's requests in this call, in the order they ended; at least one
     */
    record Sent(Change change, Outcome outcome, List<Attempt> attempts) {

        /** {@return whether the client learned the outcome, from an answer or a lookup} */
        boolean definite() {
            return !(outcome instanceof Outcome.Unknown);
        }

        /** {@return whether the client reported the change applied} */
        boolean acknowledged() {
            return outcome instanceof Outcome.Applied;
        }

        /** {@return the call's last request} */
        Attempt last() {
            return attempts.get(attempts.size() - 1);
        }
    }

    /**
     * Sends a change through the client, which retries it by its own policy, records each request
     * it sends as an attempt and returns what came of the call; never throws for a failed request.
     *
     * @param client where to send it, and how persistently
     * @param change the change
     * @return the call's outcome and attempts
     */
    Sent send(WalletClient client, Change change) {
        return sendAsync(client, change).join();
    }

    /**
     * {@link #send} without waiting: each attempt is recorded when its answer (or failure) comes;
     * the future never fails for a failed request.
     *
     * @param client where to send it, and how persistently
     * @param change the change
     * @return the call's outcome and attempts, once it ended
     */
    CompletableFuture<Sent> sendAsync(WalletClient client, Change change) {
        List<Attempt> mine = new CopyOnWriteArrayList<>();
        WalletClient recorded = client.withListener(exchange -> {
            if ("POST".equals(exchange.method())) {
                Attempt attempt = attempt(change, exchange);
                attempts.add(attempt);
                mine.add(attempt);
            }
        });
        CompletableFuture<Outcome> sending;
        try {
            sending = change.sendWith(recorded);
        } catch (RuntimeException refused) {
            sending = CompletableFuture.failedFuture(refused);
        }
        return sending.handle((outcome, failure) -> {
            if (failure != null) {
                clientFailures.add(change + ": " + failure);
                outcome = new Outcome.Unknown("the client failed: " + failure, mine.size(), Optional.of(failure));
            }
            if (mine.isEmpty()) {
                clientFailures.add(change + ": the client sent no request");
                Attempt none = new Attempt(change, NO_ANSWER, System.nanoTime(), System.nanoTime(), "not sent");
                attempts.add(none);
                mine.add(none);
            }
            Sent sent = new Sent(change, outcome, List.copyOf(mine));
            calls.add(sent);
            return sent;
        });
    }

    private static Attempt attempt(Change change, Exchange exchange) {
        long ended = System.nanoTime();
        long started = ended - exchange.elapsed().toNanos();
        if (exchange.answered()) {
            return new Attempt(change, exchange.status(), started, ended, exchange.responseBody());
        }
        Throwable failure = exchange.failure().orElseThrow();
        int status = failure instanceof HttpTimeoutException ? TIMED_OUT : NO_ANSWER;
        return new Attempt(change, status, started, ended, String.valueOf(failure));
    }

    /** {@return every call of the client so far, with its outcome, in the order they ended} */
    List<Sent> calls() {
        return new ArrayList<>(calls);
    }

    /** {@return each call the client failed (threw) instead of reporting an outcome: a bug of the client or the service} */
    List<String> clientFailures() {
        return new ArrayList<>(clientFailures);
    }

    /** {@return every attempt so far} */
    List<Attempt> attempts() {
        return new ArrayList<>(attempts);
    }

    /** {@return every change so far with its attempts, in the order first sent} */
    Map<Change, List<Attempt>> byChange() {
        Map<Change, List<Attempt>> changes = new LinkedHashMap<>();
        for (Attempt attempt : attempts) {
            changes.computeIfAbsent(attempt.change(), ignored -> new ArrayList<>()).add(attempt);
        }
        return changes;
    }
}
