package com.acme.wallet.endtoend;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request the fault harness sent and what came of it, in the order the answers arrived: the
 * record the audit checks PostgreSQL and the REST API against.
 */
final class TrafficHistory {

    /** The status recorded when no HTTP answer came: refused or reset connection. */
    static final int NO_ANSWER = 0;
    /** The status recorded when the client gave up waiting. */
    static final int TIMED_OUT = -1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

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

        /** {@return the request's path, such as {@code /add-funds/w1}} */
        String path();

        /** {@return the request's JSON body} */
        String body();

        default WalletClient.Reply sendWith(WalletClient client) {
            return client.post(path(), body());
        }

        default CompletableFuture<WalletClient.Reply> sendAsyncWith(WalletClient client) {
            return client.postAsync(path(), body());
        }
    }

    /** An add or a remove of funds, the seed's change. */
    record Funds(String wallet, boolean add, long amount, String reference) implements Change {

        @Override
        public String kind() {
            return add ? "ADD" : "REMOVE";
        }

        @Override
        public String path() {
            return (add ? "/add-funds/" : "/remove-funds/") + wallet;
        }

        @Override
        public String body() {
            return "{\"amount\":" + amount + ",\"reference\":\"" + reference + "\"}";
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
        public String path() {
            return "/bet/" + wallet;
        }

        @Override
        public String body() {
            return roundLeg(reference, roundId, amount, closesRound);
        }
    }

    /** A win paid into a round; 0 closes a lost round. */
    record Win(String wallet, String reference, String roundId, long amount, boolean closesRound) implements Change {

        @Override
        public String kind() {
            return "WIN";
        }

        @Override
        public String path() {
            return "/win/" + wallet;
        }

        @Override
        public String body() {
            return roundLeg(reference, roundId, amount, closesRound);
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
        public String path() {
            return "/rollback/" + wallet();
        }

        @Override
        public String body() {
            return "{\"reference\":\"" + reference + "\",\"originalReference\":\"" + original.reference() + "\"}";
        }

        /** {@return how much rolling the original back moves the balance: a bet's stake back, a win taken back} */
        long refund() {
            return original instanceof Bet ? original.amount() : -original.amount();
        }
    }

    private static String roundLeg(String reference, String roundId, long amount, boolean closesRound) {
        return "{\"amount\":" + amount + ",\"reference\":\"" + reference + "\",\"roundId\":\"" + roundId
                + "\",\"closesRound\":" + closesRound + "}";
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
     * Sends a change, records the attempt and returns it; never throws for a failed request.
     *
     * @param client where to send it
     * @param change the change
     * @return the recorded attempt
     */
    Attempt send(WalletClient client, Change change) {
        long started = System.nanoTime();
        Attempt attempt;
        try {
            WalletClient.Reply reply = change.sendWith(client);
            attempt = new Attempt(change, reply.status(), started, System.nanoTime(), reply.body());
        } catch (IllegalStateException failed) {
            int status = failed.getCause() instanceof HttpTimeoutException ? TIMED_OUT : NO_ANSWER;
            attempt = new Attempt(change, status, started, System.nanoTime(), String.valueOf(failed.getCause()));
        }
        attempts.add(attempt);
        return attempt;
    }

    /**
     * {@link #send} without waiting: the attempt, recorded when its answer (or failure) came; the
     * future never fails for a failed request.
     *
     * @param client where to send it
     * @param change the change
     * @return the recorded attempt, once answered
     */
    CompletableFuture<Attempt> sendAsync(WalletClient client, Change change) {
        long started = System.nanoTime();
        CompletableFuture<WalletClient.Reply> sending;
        try {
            sending = change.sendAsyncWith(client);
        } catch (RuntimeException refused) {
            sending = CompletableFuture.failedFuture(refused);
        }
        return sending.handle((reply, failure) -> {
            Attempt attempt;
            if (failure == null) {
                attempt = new Attempt(change, reply.status(), started, System.nanoTime(), reply.body());
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                int status = cause instanceof HttpTimeoutException ? TIMED_OUT : NO_ANSWER;
                attempt = new Attempt(change, status, started, System.nanoTime(), String.valueOf(cause));
            }
            attempts.add(attempt);
            return attempt;
        });
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
