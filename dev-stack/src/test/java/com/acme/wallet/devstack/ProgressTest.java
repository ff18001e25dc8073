package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress lines on a clock the test moves by hand: what they say and when, never how fast a machine is. */
class ProgressTest {

    /** A monotonic clock in nanoseconds that moves only when told. */
    private static final class FakeClock {
        private long nanos = 5_000_000_000L; // any origin: only differences count

        long nanoTime() {
            return nanos;
        }

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }
    }

    private final FakeClock clock = new FakeClock();
    private final List<String> lines = new ArrayList<>();

    @Test
    void the_clock_is_six_characters_wide_in_seconds_then_minutes_then_hours() {
        assertThat(Progress.clock(Duration.ZERO)).isEqualTo("    0s");
        assertThat(Progress.clock(Duration.ofMillis(12_999))).isEqualTo("   12s");
        assertThat(Progress.clock(Duration.ofSeconds(59))).isEqualTo("   59s");
        assertThat(Progress.clock(Duration.ofSeconds(60))).isEqualTo(" 1m00s");
        assertThat(Progress.clock(Duration.ofSeconds(65))).isEqualTo(" 1m05s");
        assertThat(Progress.clock(Duration.ofSeconds(3599))).isEqualTo("59m59s");
        assertThat(Progress.clock(Duration.ofSeconds(3600))).isEqualTo(" 1h00m");
        assertThat(Progress.clock(Duration.ofSeconds(7380))).isEqualTo(" 2h03m");
        assertThat(Progress.clock(Duration.ofSeconds(-3))).as("never negative").isEqualTo("    0s");
    }

    @Test
    void durations_in_words_name_their_units() {
        assertThat(Progress.words(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(Progress.words(Duration.ofMinutes(3))).isEqualTo("3 min");
        assertThat(Progress.words(Duration.ofSeconds(185))).isEqualTo("3 min 05 s");
        assertThat(Progress.words(Duration.ofHours(1))).isEqualTo("1 h");
        assertThat(Progress.words(Duration.ofMinutes(62))).isEqualTo("1 h 02 min");
    }

    @Test
    void a_line_starts_with_the_time_since_the_command_began_including_what_ran_before_this_program() {
        Progress progress = new Progress(clock::nanoTime, Duration.ofSeconds(50));
        clock.advance(Duration.ofSeconds(15));

        assertThat(progress.line("waiting for Pulsar")).isEqualTo("[ 1m05s] waiting for Pulsar");
    }

    @Test
    void a_ticker_says_nothing_before_its_interval_then_one_line_per_interval_with_the_steps_own_time() {
        Progress progress = new Progress(clock::nanoTime, Duration.ZERO);
        clock.advance(Duration.ofSeconds(20)); // the command ran 20 s before this step
        try (Progress.Ticker ticker = progress.ticker(soFar -> "waiting ... " + Progress.words(soFar),
                Duration.ofSeconds(10), lines::add)) {
            clock.advance(Duration.ofSeconds(9));
            ticker.poll();
            assertThat(lines).isEmpty();

            clock.advance(Duration.ofSeconds(1));
            ticker.poll();
            ticker.poll();
            clock.advance(Duration.ofSeconds(10));
            ticker.poll();
        }

        assertThat(lines).containsExactly("[   30s] waiting ... 10 s", "[   40s] waiting ... 20 s");
    }

    @Test
    void after_a_stall_a_ticker_prints_one_line_not_one_per_missed_interval_and_keeps_its_rhythm() {
        Progress progress = new Progress(clock::nanoTime, Duration.ZERO);
        try (Progress.Ticker ticker = progress.ticker(soFar -> Progress.words(soFar), Duration.ofSeconds(10),
                lines::add)) {
            clock.advance(Duration.ofSeconds(35));
            ticker.poll();
            ticker.poll();
            clock.advance(Duration.ofSeconds(5));
            ticker.poll();
        }

        assertThat(lines).containsExactly("[   35s] 35 s", "[   40s] 40 s");
    }

    @Test
    void a_closed_ticker_says_nothing_more() {
        Progress progress = new Progress(clock::nanoTime, Duration.ZERO);
        Progress.Ticker ticker = progress.ticker(soFar -> "still", Duration.ofSeconds(10), lines::add);
        ticker.close();
        clock.advance(Duration.ofMinutes(5));
        ticker.poll();

        assertThat(lines).isEmpty();
        assertThatThrownBy(() -> progress.ticker(soFar -> "", Duration.ZERO, lines::add))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_console_puts_its_speaker_before_the_time_line_and_shares_the_time_line_with_other_speakers() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new Progress(clock::nanoTime, Duration.ZERO));
        clock.advance(Duration.ofSeconds(12));
        console.step("building the jars");
        clock.advance(Duration.ofSeconds(60));
        console.as("bench").step("run 3 of 8: wrk");

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("wallet: [   12s] building the jars\nbench: [ 1m12s] run 3 of 8: wrk\n");
    }

    @Test
    void the_start_passed_by_wallet_counts_only_when_it_is_plausible() {
        long now = 1_800_000_000_000L;

        assertThat(Console.alreadyElapsed(Long.toString(now - 42_000), now)).isEqualTo(Duration.ofSeconds(42));
        assertThat(Console.alreadyElapsed(null, now)).isZero();
        assertThat(Console.alreadyElapsed("1800000000000%3N", now)).as("a date without %N").isZero();
        assertThat(Console.alreadyElapsed(Long.toString(now + 1_000), now)).as("in the future").isZero();
        assertThat(Console.alreadyElapsed(Long.toString(now - Duration.ofDays(1).toMillis()), now))
                .as("a day ago: not this command's").isZero();
    }
}
