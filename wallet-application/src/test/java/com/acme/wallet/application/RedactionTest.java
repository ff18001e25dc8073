package com.acme.wallet.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void a_password_in_a_jdbc_url_query_is_hidden_and_the_rest_kept() {
        assertThat(Redaction.hideCredentials(
                "jdbc:postgresql://db.example:5432/wallet?user=wallet&password=s3cr3t&ssl=true"))
                .isEqualTo("jdbc:postgresql://db.example:5432/wallet?user=wallet&password=***&ssl=true");
    }

    @Test
    void the_password_of_a_user_info_part_is_hidden_and_the_user_kept() {
        assertThat(Redaction.hideCredentials("http://admin:p@ss:w0rd@pulsar.example:8080/admin/v2"))
                .isEqualTo("http://admin:***@pulsar.example:8080/admin/v2");
        assertThat(Redaction.hideCredentials("pulsar+ssl://svc:token@broker:6651"))
                .isEqualTo("pulsar+ssl://svc:***@broker:6651");
    }

    @Test
    void every_parameter_named_as_a_secret_is_hidden_whatever_its_case_or_separator() {
        assertThat(Redaction.hideCredentials("jdbc:x://h/db;Password=abc;sslPassword=def&authToken=ghi&clientSecret=j"))
                .isEqualTo("jdbc:x://h/db;Password=***;sslPassword=***&authToken=***&clientSecret=***");
        assertThat(Redaction.hideCredentials("password=hunter2")).isEqualTo("password=***");
    }

    @Test
    void a_secret_inside_a_message_is_hidden_and_the_message_kept() {
        assertThat(Redaction.hideCredentials("opening PostgreSQL at jdbc:postgresql://u:pw@h/db?password=x failed"))
                .isEqualTo("opening PostgreSQL at jdbc:postgresql://u:***@h/db?password=*** failed");
    }

    @Test
    void text_without_credentials_is_left_as_it_was() {
        for (String plain : new String[] {"jdbc:postgresql://127.0.0.1:5432/wallet", "pulsar://127.0.0.1:6650",
            "http://127.0.0.1:8080", "postgresql://postgres@127.0.0.1/wallet", "user=postgres", ""}) {
            assertThat(Redaction.hideCredentials(plain)).isEqualTo(plain);
        }
        assertThat(Redaction.hideCredentials(null)).isNull();
    }
}
