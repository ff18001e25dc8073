package com.acme.wallet.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** The private servers the fault tests stop and start, as those tests use them, on their shared parts. */
class PrivateServersIT {

    @Test
    void a_private_postgres_takes_a_database_stops_and_starts_again_with_it() throws Exception {
        assumeThat(PostgresBinaries.newest()).as("the machine's PostgreSQL binaries").isPresent();
        try (PrivatePostgres server = PrivatePostgres.start()) {
            String url = server.createDatabase("kept");

            server.stop();
            server.restart();

            try (Connection connection = DriverManager.getConnection(url, server.user(), "")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void a_private_pulsar_passes_its_health_check_before_and_after_a_restart() {
        try (PrivatePulsar broker = PrivatePulsar.start()) {
            broker.awaitHealthy();
            assertThat(new PulsarAdminProbe(broker.adminUrl()).isReady()).isTrue();

            broker.stop();
            assertThat(new PulsarAdminProbe(broker.adminUrl()).listsStandaloneCluster()).isFalse();
            broker.restart();
            broker.awaitHealthy();

            assertThat(broker.serviceUrl()).startsWith("pulsar://127.0.0.1:");
        }
    }
}
