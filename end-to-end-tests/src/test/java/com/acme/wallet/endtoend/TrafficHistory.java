package com.acme.wallet.endtoend;

import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

    /** One change to a wallet, identified by its reference; it may be sent several times. */
    record Change(String wallet, boolean add, long amount, String reference) {

        WalletClient.Reply sendWith(WalletClient client) {
            return add ? client.add(wallet, amount, reference) : client.remove(wallet, amount, reference);
        }

        CompletableFuture<WalletClient.Reply> sendAsyncWith(WalletClient client) {
            return add ? client.addAsync(wallet, amount, reference) : client.removeAsync(wallet, amount, reference);
        }

        /** {@return the change's effect on the balance when applied} */
        long delta() {
            return add ? amount : -amount;
        }
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
