package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    @Test
    void without_variables_the_stack_uses_the_documented_defaults() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of());

        assertThat(settings).isEqualTo(new StackSettings(StackSettings.Infrastructure.AUTO, 8081, 5432, 6650, 8080, 3181));
    }

    @Test
    void each_variable_sets_its_port_and_the_infrastructure() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of("WALLET_INFRA", "local", "WALLET_PORT", "18081",
                "WALLET_DB_PORT", "15432", "WALLET_PULSAR_PORT", "16650", "WALLET_PULSAR_HTTP_PORT", "18080",
                "WALLET_BOOKIE_PORT", "13181"));

        assertThat(settings).isEqualTo(
                new StackSettings(StackSettings.Infrastructure.LOCAL, 18081, 15432, 16650, 18080, 13181));
    }

    @Test
    void docker_compose_fixes_the_infrastructure_ports_but_not_the_rest_apis() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of("WALLET_PORT", "18081", "WALLET_DB_PORT", "15432",
                "WALLET_PULSAR_PORT", "16650")).withComposePorts();

        assertThat(settings.apiPort()).isEqualTo(18081);
        assertThat(settings.databasePort()).isEqualTo(5432);
        assertThat(settings.pulsarPort()).isEqualTo(6650);
        assertThat(settings.pulsarHttpPort()).isEqualTo(8080);
    }

    @Test
    void a_port_that_is_not_a_tcp_port_is_refused_with_the_variables_name() {
        for (String value : new String[] {"0", "65536", "80a", "-1", "123456"}) {
            assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("WALLET_DB_PORT", value)))
                    .isInstanceOf(StackFailure.class)
                    .hasMessage("WALLET_DB_PORT must be a TCP port, 1 to 65535 (not " + value + ")");
        }
    }

    @Test
    void an_unknown_infrastructure_is_refused_with_the_choices() {
        assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("WALLET_INFRA", "kubernetes")))
                .isInstanceOf(StackFailure.class)
                .hasMessage("WALLET_INFRA must be auto, docker or local (not kubernetes)");
    }
}
