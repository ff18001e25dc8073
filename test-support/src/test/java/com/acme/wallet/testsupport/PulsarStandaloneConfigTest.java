package com.acme.wallet.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PulsarStandaloneConfigTest {

    @Test
    void a_key_the_file_sets_is_replaced_where_it_stands_and_a_new_one_is_appended() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("journalSyncData", "true");
        overrides.put("bindAddress", "127.0.0.1");

        List<String> lines = PulsarStandaloneConfig.withOverrides(
                List.of("# journalSyncData=false in a comment stays", "journalSyncData=false", "zooKeeperTimeout=30"),
                List.of("# header"), overrides);

        assertThat(lines).containsExactly("# header", "# journalSyncData=false in a comment stays",
                "journalSyncData=true", "zooKeeperTimeout=30", "bindAddress=127.0.0.1");
    }

    @Test
    void the_version_comes_from_the_build() {
        assertThat(PulsarDistribution.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(TestPulsar.IMAGE).isEqualTo("apachepulsar/pulsar:" + PulsarDistribution.version());
        assertThat(PulsarDistribution.coordinates())
                .isEqualTo("org.apache.pulsar:pulsar-server-distribution:" + PulsarDistribution.version() + ":tar.gz:bin");
    }
}
