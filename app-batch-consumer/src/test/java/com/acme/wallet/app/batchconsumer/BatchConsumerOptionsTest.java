package com.acme.wallet.app.batchconsumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void a_token_file_that_is_missing_empty_or_without_an_api_url_is_wrong_usage(@TempDir Path directory)
            throws IOException {
        Path empty = Files.writeString(directory.resolve("empty"), "\n");
        Path token = Files.writeString(directory.resolve("token"), "s3cret\n");

        assertThat(runCheck("--api-url", "http://127.0.0.1:8081", "--api-token-file",
                directory.resolve("missing").toString())).isEqualTo(CheckCommand.WRONG_USAGE);
        assertThat(runCheck("--api-url", "http://127.0.0.1:8081", "--api-token-file", empty.toString()))
                .isEqualTo(CheckCommand.WRONG_USAGE);
        assertThat(runCheck("--api-token-file", token.toString())).isEqualTo(CheckCommand.WRONG_USAGE);
    }

    private static int runCheck(String... arguments) {
        String[] all = new String[arguments.length + 1];
        all[0] = "check";
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        CommandLine.ParseResult parsed = new CommandLine(new BatchConsumerOptions()).parseArgs(all);
        return ((CheckCommand) parsed.subcommand().commandSpec().userObject()).run(System.out, System.err);
    }
}
