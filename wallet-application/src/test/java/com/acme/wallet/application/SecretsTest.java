package com.acme.wallet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    private static final String NAME = "WALLET_X_PASSWORD";

    @TempDir
    Path directory;

    @Test
    void a_value_is_taken_as_given_and_neither_is_empty() {
        assertThat(Secrets.valueOrFile(NAME, "s3cret\n", null)).hasValue("s3cret\n");
        assertThat(Secrets.valueOrFile(NAME, "", null)).isEmpty();
        assertThat(Secrets.valueOrFile(NAME, null, null)).isEmpty();
    }

    @Test
    void a_file_is_read_without_the_one_newline_that_ends_it() throws IOException {
        Path file = Files.writeString(directory.resolve("secret"), "line one\nline two\r\n");

        assertThat(Secrets.valueOrFile(NAME, "", file)).hasValue("line one\nline two");
    }

    @Test
    void both_a_missing_file_and_a_file_beside_a_value_are_refused_without_the_secret_in_the_reason()
            throws IOException {
        Path file = Files.writeString(directory.resolve("secret"), "from-file");

        assertThatThrownBy(() -> Secrets.valueOrFile(NAME, "from-env", file))
                .hasMessage("set WALLET_X_PASSWORD or WALLET_X_PASSWORD_FILE, not both");
        assertThatThrownBy(() -> Secrets.valueOrFile(NAME, "", directory.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WALLET_X_PASSWORD_FILE")
                .hasMessageNotContaining("from-file");
    }

    @Test
    void a_file_too_large_for_a_secret_is_refused() throws IOException {
        Path file = Files.writeString(directory.resolve("big"), "x".repeat(64 * 1024 + 1));

        assertThatThrownBy(() -> Secrets.valueOrFile(NAME, "", file)).hasMessageContaining("is it the right file?");
    }
}
