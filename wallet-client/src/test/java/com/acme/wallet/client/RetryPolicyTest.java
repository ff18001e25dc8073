package com.acme.wallet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void the_backoff_doubles_from_the_first_pause_up_to_its_cap() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMillis(500),
                Duration.ZERO);

        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoffAfter(90)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void a_retry_after_is_cut_to_the_cap() {
        assertThat(RetryPolicy.defaults().capped(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryPolicy.defaults().capped(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a_policy_without_a_limit_is_refused() {
        assertThatThrownBy(() -> new RetryPolicy(101, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
