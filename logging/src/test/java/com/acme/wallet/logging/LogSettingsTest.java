package com.acme.wallet.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

    @Test
    void unset_variables_are_fine() {
        assertThat(LogSettings.problem(name -> null)).isEmpty();
    }

    @Test
    void the_documented_values_are_accepted() {
        Map<String, String> settings = Map.of(LogSettings.FORMAT, "json", LogSettings.LEVEL, "debug",
                LogSettings.ACCESS_LEVEL, "OFF");
        assertThat(LogSettings.problem(settings::get)).isEmpty();
    }

    @Test
    void an_unknown_format_is_refused_by_name() {
        assertThat(LogSettings.problem(Map.of(LogSettings.FORMAT, "jsno")::get))
                .hasValueSatisfying(problem -> assertThat(problem).contains("WALLET_LOG_FORMAT").contains("jsno"));
    }

    @Test
    void a_misspelt_level_is_refused_rather_than_read_as_debug() {
        assertThat(LogSettings.problem(Map.of(LogSettings.LEVEL, "verbose")::get))
                .hasValueSatisfying(problem -> assertThat(problem).contains("WALLET_LOG_LEVEL"));
        assertThat(LogSettings.problem(Map.of(LogSettings.ACCESS_LEVEL, "no")::get))
                .hasValueSatisfying(problem -> assertThat(problem).contains("WALLET_ACCESS_LOG_LEVEL"));
    }
}
