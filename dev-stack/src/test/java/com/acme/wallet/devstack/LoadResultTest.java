package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadResultTest {

    private static final String WRK_OUTPUT = """
            Running 30s test @ http://127.0.0.1:8081
              2 threads and 50 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    10.84ms   12.03ms 183.70ms   89.12%
              138390 requests in 30.00s, 17.42MB read
            Requests/sec:   4612.95
            Transfer/sec:    594.66KB
            BENCH requests=138390 duration_us=30000612 p50_us=8371 p99_us=87190 max_us=183702 non2xx=3 socket_errors=2
            """;

    private static final String HEY_OUTPUT = """

            Summary:
              Total:\t22.8012 secs
              Slowest:\t0.4731 secs
              Fastest:\t0.0002 secs
              Average:\t0.0113 secs
              Requests/sec:\t4385.9712

              Total data:\t3899610 bytes
              Size/request:\t38 bytes

            Response time histogram:
              0.000 [1]\t|
              0.047 [201]\t|■■■■
              0.095 [97000]\t|■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■

            Latency distribution:
              10% in 0.0010 secs
              25% in 0.0023 secs
              50% in 0.0047 secs
              75% in 0.0089 secs
              90% in 0.0189 secs
              95% in 0.0329 secs
              99% in 0.1173 secs

            Details (average, fastest, slowest):
              DNS+dialup:\t0.0000 secs, 0.0002 secs, 0.4731 secs
              resp wait:\t0.0111 secs, 0.0002 secs, 0.4730 secs

            Status code distribution:
              [200]\t10 responses
              [201]\t99980 responses
              [409]\t5 responses

            Error distribution:
              [5]\tPost "http://localhost:8081/add-funds/andrei": dial tcp 127.0.0.1:8081: connect: connection refused
            """;

    @Test
    void a_wrk_run_is_read_from_the_bench_line_of_changes_lua() {
        LoadResult result = LoadResult.fromWrk("b. durable, 10,000 wallets", "wrk, 50 connections, 30 s", WRK_OUTPUT);

        assertThat(result.requests()).isEqualTo(138_390);
        assertThat(result.requestsPerSecond()).as("requests over the measured duration").isEqualTo(4613);
        assertThat(result.p50Ms()).isEqualTo(8.371);
        assertThat(result.p99Ms()).isEqualTo(87.19);
        assertThat(result.maxMs()).isEqualTo(183.702);
        assertThat(result.errors()).as("non-2xx answers and socket errors").isEqualTo(5);
        assertThat(result.row()).isEqualTo(
                "| b. durable, 10,000 wallets | wrk, 50 connections, 30 s | 4613 | 8.37 | 87.19 | 183.7 | 5 |");
    }

    @Test
    void wrk_output_without_a_bench_line_is_refused() {
        assertThatThrownBy(() -> LoadResult.fromWrk("b", "wrk", "unable to connect to 127.0.0.1:8081 Connection refused"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no BENCH line");
        assertThatThrownBy(() -> LoadResult.fromWrk("b", "wrk", "BENCH requests=5 duration_us=10"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the BENCH line has no p50_us");
    }

    @Test
    void a_hey_run_counts_only_200_and_201_as_answered_and_ignores_the_histogram() {
        LoadResult result = LoadResult.fromHey("a. replay path (REST API)", "hey", HEY_OUTPUT, 100_000);

        assertThat(result.requestsPerSecond()).as("cut to whole requests").isEqualTo(4385);
        assertThat(result.p50Ms()).isEqualTo(4.7);
        assertThat(result.p99Ms()).isEqualTo(117.3);
        assertThat(result.maxMs()).isEqualTo(473.1);
        assertThat(result.errors()).as("100,000 sent, 99,990 answered 200 or 201").isEqualTo(10);
        assertThat(result.row()).isEqualTo("| a. replay path (REST API) | hey | 4385 | 4.70 | 117.30 | 473.1 | 10 |");
    }

    @Test
    void hey_output_without_its_summary_is_refused() {
        assertThatThrownBy(() -> LoadResult.fromHey("a", "hey", "Error: unknown flag -x", 100_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("hey's output has no Requests/sec");
    }
}
