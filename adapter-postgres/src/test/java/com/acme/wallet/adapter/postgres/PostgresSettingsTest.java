package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/wallet";

    @Test
    void defaults_are_a_small_pool_with_bounded_waits() {
        PostgresSettings settings = PostgresSettings.of(URL, "wallet", "secret");

        assertThat(settings.maximumPoolSize()).isEqualTo(4);
        assertThat(settings.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void the_password_never_shows_in_logs() {
        assertThat(PostgresSettings.of(URL, "wallet", "secret")).asString()
                .doesNotContain("secret")
                .contains(URL);
    }

    @Test
    void a_url_of_another_database_is_refused() {
        assertThatThrownBy(() -> PostgresSettings.of("jdbc:mysql://localhost/wallet", "wallet", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_pool_without_connections_or_with_too_many_is_refused() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new PostgresSettings(URL, "wallet", "", 0, second, second))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostgresSettings(URL, "wallet", "", 65, second, second))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeouts_below_a_quarter_second_are_refused() {
        Duration tooShort = Duration.ofMillis(100);

        assertThatThrownBy(() -> new PostgresSettings(URL, "wallet", "", 4, tooShort, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
