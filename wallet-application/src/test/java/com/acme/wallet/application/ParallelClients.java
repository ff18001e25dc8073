package com.acme.wallet.application;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Sends requests from many real threads that start together, so that they contend for the same
 * wallet at the same moment rather than one after another.
 */
final class ParallelClients implements AutoCloseable {

    private final ExecutorService threads;
    private final int count;

    ParallelClients(int count) {
        this.count = count;
        // One thread per client, so every client is parked at the start gate before any is let go.
        this.threads = Executors.newFixedThreadPool(count);
    }

    /**
     * Sends {@code count} requests at once and returns the stages the ledger handed back, without
     * waiting for their answers.
     */
    <T> List<CompletableFuture<T>> send(IntFunction<CompletionStage<T>> request) {
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CompletionStage<T>>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int client = i;
            sent.add(threads.submit(() -> {
                ready.countDown();
                if (!go.await(Await.LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("start gate never opened");
                }
                return request.apply(client);
            }));
        }
        try {
            if (!ready.await(Await.LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("not every client thread started within " + Await.LIMIT);
            }
            go.countDown();
            List<CompletableFuture<T>> stages = new ArrayList<>();
            for (Future<CompletionStage<T>> stage : sent) {
                stages.add(stage.get(Await.LIMIT.toMillis(), TimeUnit.MILLISECONDS).toCompletableFuture());
            }
            return stages;
        } catch (Exception failed) {
            throw new AssertionError("a client could not send its request", failed);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
