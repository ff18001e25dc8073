package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoveryBenchCommandTest {

    @Test
    void without_settings_the_recovery_bench_generates_a_million_wallets_and_ten_million_changes() {
        RecoveryBenchCommand.Options options = RecoveryBenchCommand.Options.fromEnvironment(Map.of());

        assertThat(options).isEqualTo(new RecoveryBenchCommand.Options(1_000_000, 10_000_000, "-Xmx4g", false,
                Optional.empty(), Duration.ofSeconds(600)));
    }

    @Test
    void the_java_options_are_split_at_blanks_and_reuse_takes_a_recovery_database_only() {
        RecoveryBenchCommand.Options options = RecoveryBenchCommand.Options.fromEnvironment(Map.of(
                "RECOVERY_JAVA_OPTS", " -Xmx1g  -XX:+UseSerialGC ", "RECOVERY_REUSE_DB", "wallet_recovery_20261130",
                "RECOVERY_KEEP", "1", "RECOVERY_READY_TIMEOUT", "30"));

        assertThat(options.javaOptionList()).containsExactly("-Xmx1g", "-XX:+UseSerialGC");
        assertThat(options.reuseDatabase()).contains("wallet_recovery_20261130");
        assertThat(options.keep()).isTrue();
        assertThat(options.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> RecoveryBenchCommand.Options.fromEnvironment(Map.of("RECOVERY_REUSE_DB", "wallet")))
                .isInstanceOf(StackFailure.class).hasMessage("RECOVERY_REUSE_DB must name a wallet_recovery_<run> database");
    }

    @Test
    void sizes_must_be_whole_numbers_with_at_least_two_wallets_and_a_change_per_wallet() {
        assertThatThrownBy(() -> RecoveryBenchCommand.Options.fromEnvironment(Map.of("RECOVERY_WALLETS", "1e6")))
                .isInstanceOf(StackFailure.class).hasMessage("RECOVERY_WALLETS must be a whole number (not 1e6)");
        for (Map<String, String> sizes : List.of(Map.of("RECOVERY_WALLETS", "1", "RECOVERY_CHANGES", "10"),
                Map.of("RECOVERY_WALLETS", "10", "RECOVERY_CHANGES", "9"))) {
            assertThatThrownBy(() -> RecoveryBenchCommand.Options.fromEnvironment(sizes)).isInstanceOf(StackFailure.class)
                    .hasMessage("needs RECOVERY_WALLETS >= 2 and RECOVERY_CHANGES >= RECOVERY_WALLETS");
        }
    }

    @Test
    void the_loading_time_is_read_from_the_log_s_stamps_also_across_midnight() {
        String log = """
                2026-01-01T23:59:58.250Z INFO  [main] c.a.w.app.restapi.RestApi - holding the log and connected to PostgreSQL; loading wallets
                2026-01-02T00:00:00.650Z INFO  [main] c.a.w.application.WalletWriter - wallet writer serving 10 wallets
                2026-01-02T00:00:01.000Z INFO  [main] c.a.w.application.WalletWriter - wallet writer serving 11 wallets
                """;

        assertThat(RecoveryBenchCommand.secondsBetween(log, "loading wallets", "wallet writer serving")).isEqualTo("2.4");
        assertThat(RecoveryBenchCommand.secondsBetween(log, "loading wallets", "never logged")).isEqualTo("n/a");
    }

    @Test
    void the_peak_heap_is_the_largest_heap_before_a_collection() {
        String gcLog = """
                [0.012s][info][gc] Using G1
                [0.512s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 3.456ms
                [1.912s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 515M->402M(1024M) 30.1ms
                [2.100s][info][gc] GC(2) Pause Remark 450M->450M(1024M) 1.2ms
                """;

        assertThat(RecoveryBenchCommand.peakHeapMb(gcLog)).isEqualTo("515");
        assertThat(RecoveryBenchCommand.peakHeapMb("[0.012s][info][gc] Using G1\n")).isEqualTo("n/a");
    }

    @Test
    void the_live_heap_is_what_every_generation_uses_after_a_full_gc() {
        String g1 = """
                12345:
                 garbage-first heap   total 1048576K, used 519168K [0x00000000c0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 61234K, committed 61888K, reserved 1105920K
                  class space    used 7000K, committed 7296K, reserved 1048576K
                """;
        String serial = """
                 def new generation   total 4928K, used 1213K [0x00000000f0000000, 0x00000000f0550000)
                  eden space 4416K,  27% used [0x00000000f0000000, 0x00000000f012f4a8, 0x00000000f0450000)
                 tenured generation   total 10944K, used 3000K [0x00000000f5550000, 0x00000000f6000000)
                 Metaspace       used 6123K, committed 6336K, reserved 1114112K
                """;

        assertThat(RecoveryBenchCommand.liveHeapMb(g1)).isEqualTo(507);
        assertThat(RecoveryBenchCommand.liveHeapMb(serial)).isEqualTo(4);
        assertThatThrownBy(() -> RecoveryBenchCommand.liveHeapMb("12345:\n ZHeap used 12M, capacity 64M\n"))
                .isInstanceOf(StackFailure.class);
    }
}
