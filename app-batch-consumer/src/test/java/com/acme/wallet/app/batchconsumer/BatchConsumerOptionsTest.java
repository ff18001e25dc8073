package com.acme.wallet.app.batchconsumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BatchConsumerOptionsTest {

    @Test
    void without_a_subcommand_the_consumer_options_are_parsed_as_before() {
        BatchConsumerOptions options = new BatchConsumerOptions();
        CommandLine.ParseResult parsed = new CommandLine(options).parseArgs("--db-url", "jdbc:postgresql://db/w",
                "--batch-max-events", "7");

        assertThat(parsed.hasSubcommand()).isFalse();
        assertThat(options.database.url()).isEqualTo("jdbc:postgresql://db/w");
        assertThat(options.batchMaxEvents).isEqualTo(7);
    }

    @Test
    void the_check_subcommand_takes_the_connection_options_on_either_side_of_its_name() {
        BatchConsumerOptions options = new BatchConsumerOptions();
        CommandLine.ParseResult parsed = new CommandLine(options).parseArgs("--topic",
                "persistent://public/default/t", "check", "--db-url", "jdbc:postgresql://db/w", "--api-url",
                "http://127.0.0.1:8081");

        assertThat(parsed.hasSubcommand()).isTrue();
        CheckCommand check = (CheckCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(check.connection.database.url()).isEqualTo("jdbc:postgresql://db/w");
        assertThat(check.connection.pulsar.topic()).isEqualTo("persistent://public/default/t");
        assertThat(check.apiUrl).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(check.catchUpTimeoutSeconds).isEqualTo(30);
    }

    @Test
    void wrong_check_settings_are_wrong_usage() {
        BatchConsumerOptions options = new BatchConsumerOptions();
        CommandLine.ParseResult parsed =
                new CommandLine(options).parseArgs("check", "--catch-up-timeout-seconds", "-1");
        CheckCommand check = (CheckCommand) parsed.subcommand().commandSpec().userObject();

        assertThat(check.run(System.out, System.err)).isEqualTo(CheckCommand.WRONG_USAGE);
    }
}
