package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, as ./wallet passes it: usage, wrong commands and options, an empty stack. */
class DevStackMainTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... arguments) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return DevStackMain.run(arguments, root, Map.of(), console);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_and_no_command_print_the_usage_and_succeed() {
        assertThat(run("help")).isZero();
        assertThat(run()).isZero();

        assertThat(out()).startsWith("Usage: ./wallet <command> [options]").contains("up --detach", "WALLET_BOOKIE_PORT");
    }

    @Test
    void plot_draws_the_bench_results_of_the_checkout_into_data_plots() throws java.io.IOException {
        java.nio.file.Files.createDirectories(root.resolve("bench"));
        LoadResult run = new LoadResult("b. durable, 10,000 wallets", "wrk, 50 connections, 30 s", 138_000, 4613,
                8.37, 87.19, 183.7, 0);
        java.nio.file.Files.writeString(root.resolve("bench/RESULTS.md"), SameRunReport.RUNS_HEADER
                + "\n|---|---|---:|---:|---:|---:|---:|\n" + run.row() + "\n");

        assertThat(run("plot")).isZero();

        assertThat(out()).contains("wrote data/plots/bench-throughput.png", "wrote data/plots/bench-latency.png");
        assertThat(root.resolve("data/plots/bench-latency.png")).isNotEmptyFile();
    }

    @Test
    void plot_without_results_and_plot_with_a_scrape_window_out_of_bounds_are_refused() {
        assertThat(run("plot")).isEqualTo(1);
        assertThat(run("plot", "--scrape", "--seconds", "3601")).isEqualTo(2);
        assertThat(run("plot", "--everything")).isEqualTo(2);

        assertThat(err()).contains("no results in", "--seconds must be 1 to 3600",
                "plot: Unknown option: '--everything'");
        assertThat(root.resolve("data/plots")).doesNotExist();
    }

    @Test
    void compose_up_is_refused_before_anything_starts_while_a_programs_jar_is_missing() {
        assertThat(run("compose", "up", "-d")).isEqualTo(1);

        assertThat(err()).contains("compose: app-rest-api/target/app-rest-api.jar is missing");
        assertThat(root.resolve("data")).doesNotExist();
    }

    @Test
    void an_unknown_command_is_refused_with_status_2_and_the_usage_on_standard_error() {
        assertThat(run("upp")).isEqualTo(2);

        assertThat(err()).startsWith("wallet: unknown command: upp\nUsage: ./wallet");
        assertThat(out()).isEmpty();
    }

    @Test
    void an_unknown_option_of_up_is_refused_with_status_2_before_anything_starts() {
        assertThat(run("up", "--detached")).isEqualTo(2);

        assertThat(err()).startsWith("wallet: unknown option for up: --detached\nUsage: ./wallet");
        assertThat(root.resolve("data")).doesNotExist();
    }

    @Test
    void down_takes_no_options() {
        assertThat(run("down", "--force")).isEqualTo(2);

        assertThat(err()).isEqualTo("wallet: down takes no options\n");
    }

    @Test
    void bench_takes_only_recovery_and_refuses_anything_else_before_anything_starts() {
        assertThat(run("bench", "--recover")).isEqualTo(2);

        assertThat(err()).isEqualTo("bench: usage: ./wallet bench [--recovery] (environment: BENCH_SECONDS, default 30;"
                + " see ./wallet help)\n");
        assertThat(root.resolve("data")).doesNotExist();
    }

    @Test
    void a_wrong_bench_setting_is_refused_with_status_1_before_anything_starts() {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(DevStackMain.run(new String[] {"bench"}, root, Map.of("BENCH_SECONDS", "0"), console)).isEqualTo(1);
        assertThat(DevStackMain.run(new String[] {"bench", "--recovery"}, root, Map.of("RECOVERY_WALLETS", "1"), console))
                .isEqualTo(1);

        assertThat(err()).isEqualTo("bench: BENCH_SECONDS takes 1 to 3600 (seconds per wrk run), not 0\n"
                + "bench: needs RECOVERY_WALLETS >= 2 and RECOVERY_CHANGES >= RECOVERY_WALLETS\n");
        assertThat(root.resolve("data")).doesNotExist();
    }

    @Test
    void status_without_a_stack_says_so_with_status_3() {
        assertThat(run("status")).isEqualTo(3);

        assertThat(out()).isEqualTo("wallet: not started by ./wallet (no ./data/run/stack.env)\n");
    }

    @Test
    void down_without_a_stack_has_nothing_to_stop() {
        assertThat(run("down")).isZero();

        assertThat(out()).isEqualTo("wallet: nothing to stop\n");
    }
}
