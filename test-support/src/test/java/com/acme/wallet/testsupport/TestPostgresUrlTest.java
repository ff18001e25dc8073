package com.acme.wallet.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestPostgresUrlTest {

    @Test
    void the_database_of_a_url_with_host_port_and_parameters_is_replaced() {
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://localhost:32768/test?loggerLevel=OFF", "fresh"))
                .isEqualTo("jdbc:postgresql://localhost:32768/fresh?loggerLevel=OFF");
    }

    @Test
    void a_url_without_a_database_gets_one() {
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://db.example:5432", "fresh"))
                .isEqualTo("jdbc:postgresql://db.example:5432/fresh");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://db.example:5432/", "fresh"))
                .isEqualTo("jdbc:postgresql://db.example:5432/fresh");
    }

    @Test
    void a_url_with_several_hosts_keeps_them_all() {
        String url = "jdbc:postgresql://a:5432,b:5433/wallet?targetServerType=primary";

        assertThat(TestPostgres.withDatabase(url, "fresh"))
                .isEqualTo("jdbc:postgresql://a:5432,b:5433/fresh?targetServerType=primary");
    }

    @Test
    void a_url_naming_only_the_database_is_replaced() {
        assertThat(TestPostgres.withDatabase("jdbc:postgresql:wallet", "fresh")).isEqualTo("jdbc:postgresql:fresh");
    }

    @Test
    void a_url_of_another_database_kind_is_refused() {
        assertThatThrownBy(() -> TestPostgres.withDatabase("jdbc:mysql://localhost/wallet", "fresh"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
