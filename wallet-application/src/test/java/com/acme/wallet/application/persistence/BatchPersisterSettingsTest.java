package com.acme.wallet.application.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The persister's limits are validated when they are made, so a bad setting fails at startup. */
class BatchPersisterSettingsTest {

    private static final Duration ONE_MS = Duration.ofMillis(1);

    @Test
    void the_defaults_retry_from_100_ms_up_to_5_s_and_give_10_s_to_finish_on_stop() {
        assertThat(BatchPersisterSettings.defaults()).isEqualTo(new BatchPersisterSettings(
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    @Test
    void a_minimum_pause_of_zero_or_less_is_rejected() {
        assertThatThrownBy(() -> new BatchPersisterSettings(Duration.ZERO, ONE_MS, ONE_MS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchPersisterSettings(Duration.ofMillis(-1), ONE_MS, ONE_MS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_maximum_pause_below_the_minimum_is_rejected() {
        assertThatThrownBy(() -> new BatchPersisterSettings(Duration.ofMillis(2), ONE_MS, ONE_MS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_negative_stop_timeout_is_rejected_and_zero_means_give_up_at_once() {
        assertThatThrownBy(() -> new BatchPersisterSettings(ONE_MS, ONE_MS, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new BatchPersisterSettings(ONE_MS, ONE_MS, Duration.ZERO).stopTimeout()).isZero();
    }

    @Test
    void every_limit_is_required() {
        assertThatThrownBy(() -> new BatchPersisterSettings(null, ONE_MS, ONE_MS))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new BatchPersisterSettings(ONE_MS, null, ONE_MS))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new BatchPersisterSettings(ONE_MS, ONE_MS, null))
                .isInstanceOf(NullPointerException.class);
    }
}
