package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrerequisitesTest {

    @Test
    void the_report_lists_each_missing_thing_and_one_install_command_without_repeats() {
        Prerequisites prerequisites = new Prerequisites();
        prerequisites.need("tar (to unpack the Pulsar distribution)", "tar");
        prerequisites.needCommand("surely-no-such-command-on-any-path", "util-linux");
        prerequisites.need("runuser", "util-linux");

        assertThat(prerequisites.complete()).isFalse();
        assertThat(prerequisites.report()).isEqualTo("""
                wallet: missing prerequisites:
                  - tar (to unpack the Pulsar distribution)  (Debian package: tar)
                  - surely-no-such-command-on-any-path  (Debian package: util-linux)
                  - runuser  (Debian package: util-linux)
                Install them, e.g.: apt-get install -y tar util-linux
                """);
    }

    @Test
    void nothing_is_reported_when_nothing_is_missing() {
        Prerequisites prerequisites = new Prerequisites();
        prerequisites.needCommand("sh", "dash");

        assertThat(prerequisites.complete()).isTrue();
        assertThat(prerequisites.report()).isEmpty();
    }
}
