package com.acme.wallet.endtoend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends one request per item to the REST API, many at once, for the fault harness's measurements
 * over thousands of wallets, where one request after another would measure the client: while the
 * log is away a write waits up to 2.5 s for its 503, so 10,000 of them in sequence would take
 * hours. At most {@link #concurrency} requests are open at a time (each on its own loopback
 * connection), and the whole batch ends within its deadline or fails.
 */
final class BulkSender {

    /** The default number of requests open at once: well under the REST API's 10,000 changes in flight. */
    static final int CONCURRENCY = 500;

    private final int concurrency;
    private final Duration timeout;

    /**
     * @param concurrency how many requests may be open at once, 1 to 5,000
     * @param timeout the longest a whole batch may take
     */
    BulkSender(int concurrency, Duration timeout) {
        if (concurrency < 1 || concurrency > 5_000) {
            throw new IllegalArgumentException("concurrency must be 1 to 5000, not " + concurrency);
        }
        this.concurrency = concurrency;
        this.timeout = timeout;
    }

    /**
     * Sends a request for each item, at most {@code concurrency} at once, and waits for every answer.
     *
     * @param items what to send, one request each
     * @param send starts one request; its future must not fail (record failures as results)
     * @return the results, in the order of the items
     * @throws IllegalStateException if the batch does not end within the timeout
     */
    <T, R> List<R> sendEach(List<T> items, Function<T, CompletableFuture<R>> send) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore open = new Semaphore(concurrency);
        List<CompletableFuture<R>> results = new ArrayList<>(items.size());
        try {
            for (T item : items) {
                if (!open.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("sent only " + results.size() + " of " + items.size()
                            + " requests within " + timeout);
                }
                CompletableFuture<R> result;
                try {
                    result = send.apply(item);
                } catch (RuntimeException failed) {
                    open.release();
                    throw failed;
                }
                result.whenComplete((ignored, failure) -> open.release());
                results.add(result);
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", interrupted);
        } catch (TimeoutException late) {
            throw new IllegalStateException(items.size() + " requests were not all answered within " + timeout, late);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("a request failed instead of recording its failure", failed.getCause());
        }
        return results.stream().map(CompletableFuture::join).toList();
    }
}
