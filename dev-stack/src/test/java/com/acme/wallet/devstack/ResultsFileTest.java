package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultsFileTest {

    private static final String OLD_SECTION = """
            <!-- recovery: written by ./wallet bench --recovery (bench/recovery.sh); ./wallet bench keeps it -->
            ## Recovery

            | ready s |
            |---:|
            | 4.71 |
            <!-- /recovery -->""";

    private static final String PREVIOUS = "# Benchmark results\n\nWritten by an older run.\n\n## Notes\n\nold notes\n\n"
            + OLD_SECTION + "\n";

    @Test
    void the_same_run_results_keep_the_recovery_section_as_the_recovery_bench_wrote_it() {
        String text = ResultsFile.sameRun(List.of("# Benchmark results", "Written by this run.", "| a |\n|---|\n"),
                Optional.of("## Notes\n\nnew notes\n"), PREVIOUS);

        assertThat(text).isEqualTo("# Benchmark results\n\nWritten by this run.\n\n| a |\n|---|\n\n## Notes\n\nnew notes\n\n"
                + OLD_SECTION + "\n");
    }

    @Test
    void without_notes_or_a_previous_recovery_section_the_results_are_the_run_s_own() {
        assertThat(ResultsFile.sameRun(List.of("# Benchmark results", "Logs of this run: data/bench/1/."),
                Optional.empty(), "")).isEqualTo("# Benchmark results\n\nLogs of this run: data/bench/1/.\n");
    }

    @Test
    void the_recovery_bench_replaces_its_section_and_leaves_everything_around_it() {
        String section = ResultsFile.RECOVERY_BEGINS + "\n## Recovery\n\nnew figures\n" + ResultsFile.RECOVERY_ENDS;
        String text = ResultsFile.withRecoverySection(PREVIOUS + "\nafter the section\n", section);

        assertThat(text).isEqualTo("# Benchmark results\n\nWritten by an older run.\n\n## Notes\n\nold notes\n\n"
                + section + "\n\nafter the section\n");
        assertThat(ResultsFile.recoverySection(text)).contains(section);
    }

    @Test
    void the_recovery_bench_appends_its_section_where_there_is_none_and_starts_a_file_where_there_is_none() {
        String section = ResultsFile.RECOVERY_BEGINS + "\nfigures\n" + ResultsFile.RECOVERY_ENDS;

        assertThat(ResultsFile.withRecoverySection("# Benchmark results\n\nfigures of bench\n\n", section))
                .isEqualTo("# Benchmark results\n\nfigures of bench\n\n" + section + "\n");
        assertThat(ResultsFile.withRecoverySection("", section)).isEqualTo("# Benchmark results\n\n" + section + "\n");
    }

    @Test
    void a_marker_inside_a_line_does_not_open_a_section() {
        assertThat(ResultsFile.recoverySection("text mentioning <!-- recovery: x --> and <!-- /recovery --> inline\n"))
                .isEmpty();
    }
}
