package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CpuSampleTest {

    @Test
    void each_part_gets_its_share_of_the_cpu_time_used_between_two_samples_and_the_rest_goes_to_the_rest() {
        CpuSample before = new CpuSample(1_000, 500, 700, 300, 10_000);
        CpuSample after = new CpuSample(1_440, 660, 910, 420, 11_000);

        assertThat(CpuSample.shareRow("b", before, after)).isEqualTo("| b | 44 % | 16 % | 21 % | 12 % | 7 % |");
    }

    @Test
    void a_part_that_was_not_running_has_no_share() {
        CpuSample before = new CpuSample(0, 0, 0, 0, 200);
        CpuSample after = new CpuSample(100, 0, 50, 0, 400);

        assertThat(CpuSample.shareRow("e. pre-fill", before, after)).isEqualTo("| e. pre-fill | 50 % | 0 % | 25 % | 0 % | 25 % |");
    }

    @Test
    void samples_without_cpu_time_between_them_are_refused() {
        CpuSample same = new CpuSample(1, 1, 1, 1, 100);

        assertThatThrownBy(() -> CpuSample.shareRow("b", same, same)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_process_s_ticks_are_user_plus_system_time_even_when_its_name_holds_spaces_and_parentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 42 0 100 0 0";

        assertThat(CpuSample.ticksFromStat(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void the_machine_s_busy_time_leaves_out_idle_and_iowait() {
        // user nice system idle iowait irq softirq steal
        assertThat(CpuSample.machineTicksFromStat("cpu  100 2 30 9000 50 4 5 7 0 0")).isEqualTo(100 + 2 + 30 + 4 + 5);
    }

    @Test
    void a_sample_of_this_machine_counts_this_process() {
        CpuSample sample = CpuSample.take(OptionalLong.of(ProcessHandle.current().pid()), OptionalLong.empty());

        assertThat(sample.restApi()).isPositive();
        assertThat(sample.batchConsumer()).isZero();
        assertThat(sample.machine()).isGreaterThanOrEqualTo(sample.restApi());
    }
}
