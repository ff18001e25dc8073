package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that pipelines writes and never reads its replies stalls its own connection once the TCP
 * buffers are full; every other client's writes must still be confirmed and answered promptly, also
 * when the log confirms every append on one thread, as Pulsar does.
 *
 * <p>Checked against the code before replies moved to Jetty's pool: this test passed there too. With
 * Jetty 12.1 and Javalin 7.2 a reply that fits Jetty's output buffer is flushed without blocking the
 * thread that completed it (a thread dump at the stall showed no thread blocked in a write), so it
 * guards the behaviour rather than proving that change.
 */
class SlowReaderTest {

    private static final String SLOW_READER = "slow-reader-" + "s".repeat(50);

    /** Far more replies than loopback's TCP buffers hold (at most about 4 MiB at about 400 bytes each). */
    private static final int PIPELINED_REQUESTS = 30_000;

    /** How long another client's write may take: generous, as the machine may be busy. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);

    /** How many of the other client's writes in a row must see the slow reader make no progress. */
    private static final int STALLED_ROUNDS = 3;

    private SingleCompletionThreadLog log;
    private RunningApi api;
    private ApiClient client;
    private ExecutorService otherClients;

    @BeforeEach
    void startServerOverALogWithOneCompletionThread() {
        log = new SingleCompletionThreadLog();
        api = RunningApi.over(log, HttpSettings.defaults("127.0.0.1", 0));
        client = api.client();
        otherClients = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        api.close();
        log.close();
        otherClients.shutdownNow();
        assertThat(otherClients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_client_that_never_reads_its_replies_does_not_delay_other_clients() throws Exception {
        client.openWallet(SLOW_READER, 0);
        client.openWallet("punter", 0);

        try (PipeliningNonReader slowReader = PipeliningNonReader.start(api.port(), SLOW_READER, PIPELINED_REQUESTS)) {
            int answeredWhileStalling = writeUntilTheSlowReaderIsStalled(slowReader);

            List<ApiClient.ApiResponse> answers = concurrentWrites(20, answeredWhileStalling);

            assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isEqualTo(201));
            assertThat(client.balanceOf("punter")).isEqualTo(answeredWhileStalling + 20);
        }
    }

    /**
     * Writes to another wallet, one answer after the other, until the slow reader's wallet has not
     * changed for {@value #STALLED_ROUNDS} of them in a row: the server is then blocked writing to
     * it, with more of its requests unread. Every write must succeed within the bound meanwhile.
     *
     * @return how many writes were made
     */
    private int writeUntilTheSlowReaderIsStalled(PipeliningNonReader slowReader) {
        long deadlineNanos = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long previousBalance = -1;
        int unchangedRounds = 0;
        int writes = 0;
        while (unchangedRounds < STALLED_ROUNDS) {
            assertThat(System.nanoTime()).as("the slow reader never stalled").isLessThan(deadlineNanos);
            assertPromptSuccess("/add-funds/punter", wonBet(writes));
            writes++;
            long balance = client.balanceOf(SLOW_READER);
            boolean stalled = balance == previousBalance && slowReader.written() > balance;
            unchangedRounds = stalled ? unchangedRounds + 1 : 0;
            previousBalance = balance;
            assertThat(slowReader.finishedWriting())
                    .as("the server read all %d pipelined requests: their replies never filled the TCP buffers; "
                            + "pipeline more", PIPELINED_REQUESTS)
                    .isFalse();
        }
        return writes;
    }

    private List<ApiClient.ApiResponse> concurrentWrites(int count, int firstIndex) throws Exception {
        ApiClient others = new ApiClient(api.port(), otherClients);
        List<CompletableFuture<ApiClient.ApiResponse>> pending = new ArrayList<>();
        for (int i = firstIndex; i < firstIndex + count; i++) {
            pending.add(others.postAsync("/add-funds/punter", wonBet(i)));
        }
        List<ApiClient.ApiResponse> answers = new ArrayList<>();
        for (CompletableFuture<ApiClient.ApiResponse> answer : pending) {
            answers.add(answer.get(ANSWER_BOUND.toSeconds(), TimeUnit.SECONDS));
        }
        return answers;
    }

    private void assertPromptSuccess(String path, String body) {
        long startNanos = System.nanoTime();
        ApiClient.ApiResponse answer = client.post(path, body);
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        assertThat(took).isLessThan(ANSWER_BOUND);
    }

    private static String wonBet(int index) {
        return "{\"amount\":1,\"reference\":\"wonbet-" + index + "\"}";
    }
}
