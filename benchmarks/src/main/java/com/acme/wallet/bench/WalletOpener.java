package com.acme.wallet.bench;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.WalletId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens the wallets {@code <prefix>0 .. <prefix>(count-1)} through the running service's
 * {@code POST /wallet/{userId}}, a few at a time. A wallet that is already there counts as such
 * (409), so a second run over the same wallets succeeds; any other answer stops the run.
 */
public final class WalletOpener {

    /** The most wallets one run opens. */
    public static final int MAX_COUNT = 10_000_000;

    /** The most requests at once. */
    public static final int MAX_CONCURRENCY = 256;

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /**
     * What a run did.
     *
     * @param opened wallets this run opened (201)
     * @param alreadyOpen wallets that were already open (409)
     * @param failure the first unexpected answer or failure, which stopped the run; null if none
     */
    public record Result(int opened, int alreadyOpen, String failure) {
        /** {@return whether every wallet is now open} */
        public boolean succeeded() {
            return failure == null;
        }
    }

    private final URI apiUrl;
    private final Optional<String> bearerToken;
    private final HttpClient http;

    /**
     * An opener for a service.
     *
     * @param apiUrl the service's base URL, such as {@code http://127.0.0.1:8081}
     * @param bearerToken the token each request sends ({@code Authorization: Bearer}), with the
     *     scope {@code wallet:open}; empty for a server that checks none
     */
    public WalletOpener(URI apiUrl, Optional<String> bearerToken) {
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
        this.bearerToken = Objects.requireNonNull(bearerToken, "bearerToken");
        // HTTP/1.1 as every load tool uses; the default would first try an upgrade to HTTP/2.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * Opens the wallets.
     *
     * @param prefix the ids' common start
     * @param count how many wallets, 1 to {@value #MAX_COUNT}
     * @param opening each wallet's opening balance
     * @param concurrency requests at once, 1 to {@value #MAX_CONCURRENCY}
     * @return how many were opened and already open, and the failure that stopped the run if any
     * @throws IllegalArgumentException if a count is out of range or the ids would be invalid
     * @throws InterruptedException if interrupted while waiting for the requests
     */
    public Result open(String prefix, int count, Amount opening, int concurrency) throws InterruptedException {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1 to " + MAX_COUNT + ", not " + count);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1 to " + MAX_CONCURRENCY + ", not " + concurrency);
        }
        // The longest id is the last one; if it is valid, all are.
        WalletId.of(prefix + (count - 1));
        byte[] body = ("{\"amount\": " + opening.cents() + "}").getBytes(StandardCharsets.UTF_8);
        Progress progress = new Progress(count);
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int worker = 0; worker < concurrency; worker++) {
                tasks.add(() -> openUntilDone(prefix, body, progress));
            }
            for (Future<Void> done : workers.invokeAll(tasks)) {
                awaitWorker(done, progress);
            }
        } finally {
            workers.shutdownNow();
        }
        return new Result(progress.opened.get(), progress.alreadyOpen.get(), progress.failure.get());
    }

    /** Takes the next wallet until all are taken or one failed; at most {@code count} requests in all. */
    private Void openUntilDone(String prefix, byte[] body, Progress progress) throws InterruptedException {
        for (int index = progress.next.getAndIncrement(); index < progress.count && progress.failure.get() == null;
                index = progress.next.getAndIncrement()) {
            openOne(prefix + index, body, progress);
        }
        return null;
    }

    private void openOne(String walletId, byte[] body, Progress progress) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(apiUrl.resolve("/wallet/" + walletId))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        bearerToken.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            switch (response.statusCode()) {
                case 201 -> progress.opened.incrementAndGet();
                case 409 -> progress.alreadyOpen.incrementAndGet();
                default -> progress.fail("POST /wallet/" + walletId + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException failure) {
            progress.fail("POST /wallet/" + walletId + " failed: " + failure);
        }
    }

    private static void awaitWorker(Future<Void> done, Progress progress) throws InterruptedException {
        try {
            done.get();
        } catch (ExecutionException failure) {
            progress.fail("a worker failed: " + failure.getCause());
        }
    }

    /** The run's shared counters; the first failure wins. */
    private static final class Progress {
        final int count;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger alreadyOpen = new AtomicInteger();
        final AtomicReference<String> failure = new AtomicReference<>();

        Progress(int count) {
            this.count = count;
        }

        void fail(String reason) {
            failure.compareAndSet(null, reason);
        }
    }
}
