package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.domain.FundsChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many requests at once, through real HTTP connections: the money rules hold. */
class ConcurrentRequestsTest {

    private static final int REQUESTS = 50;

    private ControllableEventLog log;
    private RunningApi api;
    private ApiClient client;
    private ExecutorService executor;

    @BeforeEach
    void startServer() {
        log = new ControllableEventLog();
        api = RunningApi.over(log, HttpSettings.defaults("127.0.0.1", 0));
        executor = Executors.newFixedThreadPool(REQUESTS);
        client = new ApiClient(api.port(), executor);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        api.close();
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void fifty_concurrent_removals_of_10_from_100_accept_exactly_ten_and_leave_zero() {
        client.openWallet("andrei", 100);

        List<ApiClient.ApiResponse> answers = postAllAtOnce(i -> "/remove-funds/andrei",
                i -> "{\"amount\":10,\"reference\":\"bet-" + i + "\"}");

        Map<Integer, Long> countByStatus = answers.stream()
                .collect(Collectors.groupingBy(ApiClient.ApiResponse::status, Collectors.counting()));
        assertThat(countByStatus).containsOnly(Map.entry(200, 10L), Map.entry(422, 40L));
        assertThat(answers).filteredOn(answer -> answer.status() == 422)
                .allSatisfy(answer -> assertThat(answer.code()).isEqualTo("insufficient_funds"));
        assertThat(answers).filteredOn(answer -> answer.status() == 200)
                .extracting(answer -> answer.json().get("balance").longValue())
                .containsExactlyInAnyOrder(90L, 80L, 70L, 60L, 50L, 40L, 30L, 20L, 10L, 0L);
        assertThat(client.balanceOf("andrei")).isZero();
        assertThat(log.storedEvents()).filteredOn(FundsChanged.class::isInstance).hasSize(10);
    }

    @Test
    void fifty_concurrent_identical_additions_credit_the_wallet_once_and_answer_alike() {
        client.openWallet("andrei", 100);

        List<ApiClient.ApiResponse> answers = postAllAtOnce(i -> "/add-funds/andrei",
                i -> "{\"amount\":10,\"reference\":\"wonbet-1\"}");

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(201));
        assertThat(answers).extracting(ApiClient.ApiResponse::body).containsOnly(answers.get(0).body());
        assertThat(answers).filteredOn(answer -> answer.header("Idempotent-Replayed").isEmpty()).hasSize(1);
        assertThat(answers.get(0).json().get("balance").longValue()).isEqualTo(110);
        assertThat(client.balanceOf("andrei")).isEqualTo(110);
        assertThat(log.storedEvents()).filteredOn(FundsChanged.class::isInstance).hasSize(1);
    }

    @Test
    void fifty_concurrent_openings_of_one_wallet_open_it_once() {
        List<ApiClient.ApiResponse> answers = postAllAtOnce(i -> "/wallet/andrei", i -> "{\"amount\":" + i + "}");

        Map<Integer, Long> countByStatus = answers.stream()
                .collect(Collectors.groupingBy(ApiClient.ApiResponse::status, Collectors.counting()));
        assertThat(countByStatus).containsOnly(Map.entry(201, 1L), Map.entry(409, 49L));
        long openedWith = answers.stream().filter(answer -> answer.status() == 201)
                .mapToLong(answer -> answer.json().get("balance").longValue()).sum();
        assertThat(client.balanceOf("andrei")).isEqualTo(openedWith);
    }

    @Test
    void concurrent_changes_of_different_wallets_do_not_mix() {
        for (int i = 0; i < REQUESTS; i++) {
            client.openWallet("player-" + i, 0);
        }

        List<ApiClient.ApiResponse> answers = postAllAtOnce(i -> "/add-funds/player-" + i,
                i -> "{\"amount\":" + (i + 1) + ",\"reference\":\"deposit-1\"}");

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(201));
        for (int i = 0; i < REQUESTS; i++) {
            assertThat(client.balanceOf("player-" + i)).isEqualTo(i + 1);
        }
    }

    /** Sends the requests without waiting between them and waits, at most 30 seconds, for all answers. */
    private List<ApiClient.ApiResponse> postAllAtOnce(IntFunction<String> path, IntFunction<String> body) {
        List<CompletableFuture<ApiClient.ApiResponse>> pending = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            pending.add(client.postAsync(path.apply(i), body.apply(i)));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        return pending.stream().map(CompletableFuture::join).toList();
    }
}
