package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./wallet soak's progress: what Maven and the harness are doing, from the harness's lines in soak.log. */
class SoakProgressTest {

    @TempDir
    Path directory;

    @Test
    void before_the_harness_reports_it_says_that_maven_builds_and_starts_things() {
        assertThat(SoakCommand.status(Duration.ofSeconds(95), Optional.empty())).isEqualTo(
                "soak: building the modules and starting the brokers and programs (./mvnw verify) ... 1 min 35 s");
    }

    @Test
    void then_it_reports_how_far_the_faults_are_with_the_traffic_so_far() {
        String line = "soak progress: 185 s of 600 s, faults=12 requests=41230 acknowledged=40000 refused=1000"
                + " undecided=230";

        assertThat(SoakCommand.status(Duration.ofSeconds(300), Optional.of(line))).isEqualTo("soak: 3 min 05 s of"
                + " 10 min, 12 faults, 41230 requests (40000 acknowledged, 1000 refused, 230 without a definite"
                + " answer yet)");
    }

    @Test
    void once_the_planned_time_is_over_it_says_the_harness_retries_and_audits() {
        String line = "soak progress: 604 s of 600 s, faults=51 requests=9 acknowledged=7 refused=1 undecided=1";

        assertThat(SoakCommand.status(Duration.ofMinutes(12), Optional.of(line))).startsWith(
                "soak: all 10 min of faults done; retrying and auditing, 51 faults, 9 requests");
    }

    @Test
    void the_last_progress_line_of_the_log_counts_and_a_missing_log_has_none() throws IOException {
        Path log = directory.resolve("soak.log");
        assertThat(SoakCommand.lastProgressLine(log)).isEmpty();

        Files.writeString(log, "[INFO] Building end-to-end-tests\n"
                + "soak progress: 10 s of 60 s, faults=1 requests=5 acknowledged=5 refused=0 undecided=0\n"
                + "2026-11-30T11:00:00Z INFO something else\n"
                + "soak progress: 20 s of 60 s, faults=2 requests=9 acknowledged=8 refused=1 undecided=0\n"
                + "[INFO] more Maven output\n", StandardCharsets.UTF_8);

        assertThat(SoakCommand.lastProgressLine(log)).contains(
                "soak progress: 20 s of 60 s, faults=2 requests=9 acknowledged=8 refused=1 undecided=0");
    }
}
