package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void each_wrk_run_lasts_bench_seconds_30_by_default_and_at_most_an_hour() {
        assertThat(BenchCommand.seconds(null)).isEqualTo(30);
        assertThat(BenchCommand.seconds("")).isEqualTo(30);
        assertThat(BenchCommand.seconds("5")).isEqualTo(5);
        assertThat(BenchCommand.seconds("3600")).isEqualTo(3600);
        for (String wrong : new String[] {"0", "3601", "05", "1.5", "x"}) {
            assertThatThrownBy(() -> BenchCommand.seconds(wrong)).isInstanceOf(StackFailure.class)
                    .hasMessage("BENCH_SECONDS takes 1 to 3600 (seconds per wrk run), not " + wrong);
        }
    }

    @Test
    void each_load_run_says_which_of_all_it_is_and_an_unlisted_run_is_a_bug() {
        assertThat(BenchCommand.ordinal("hey-a")).isEqualTo("run 1 of 8");
        assertThat(BenchCommand.ordinal("wrk-c")).isEqualTo("run 4 of 8");
        assertThat(BenchCommand.ordinal("wrk-d2")).isEqualTo("run 8 of 8");
        assertThatThrownBy(() -> BenchCommand.ordinal("wrk-z")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_backlog_is_the_batch_consumer_subscription_s_and_unknown_without_it() {
        String stats = "{\"msgRateIn\":1.0,\"subscriptions\":{\"other\":{\"msgBacklog\":7},"
                + "\"wallet-batch-consumer\":{\"msgRateOut\":0.0,\"msgBacklog\":42,\"consumers\":[]}}}";

        assertThat(BenchCommand.backlogOf(stats, "wallet-batch-consumer")).isEqualTo(OptionalLong.of(42));
        assertThat(BenchCommand.backlogOf("{\"subscriptions\":{}}", "wallet-batch-consumer")).isEmpty();
    }

    @Test
    void every_wrk_script_prints_the_bench_line_load_result_reads() throws IOException {
        Path bench = Path.of(System.getProperty("wallet.root", "..")).toAbsolutePath().normalize().resolve("bench");
        String changes = Files.readString(bench.resolve(BenchCommand.CHANGES_SCRIPT));
        String betting = Files.readString(bench.resolve(BenchCommand.BETTING_SCRIPT));

        assertThat(doneOf(changes)).contains("\"BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d"
                + " non2xx=%d socket_errors=%d\\n\"");
        assertThat(doneOf(betting)).as("the betting script's done(), as changes.lua's").isEqualTo(doneOf(changes));
    }

    @Test
    void every_wrk_script_sends_the_token_bench_passes_as_a_bearer_token() throws IOException {
        Path bench = Path.of(System.getProperty("wallet.root", "..")).toAbsolutePath().normalize().resolve("bench");
        for (String script : new String[] {BenchCommand.CHANGES_SCRIPT, BenchCommand.BETTING_SCRIPT}) {
            assertThat(Files.readString(bench.resolve(script))).as(script)
                    .contains("os.getenv(\"BENCH_TOKEN\")", "[\"Authorization\"] = \"Bearer \" .. token");
        }
    }

    /** {@return a wrk script's done() function, from its first line to the end of the script} */
    private static String doneOf(String script) {
        int at = script.indexOf("\nfunction done(");
        assertThat(at).as("a done() function").isPositive();
        return script.substring(at).strip();
    }
}
