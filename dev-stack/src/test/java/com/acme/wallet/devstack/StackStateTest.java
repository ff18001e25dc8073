package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {

    @TempDir
    Path directory;

    @Test
    void what_up_wrote_is_what_down_and_status_read() {
        StackSettings settings = new StackSettings(StackSettings.Infrastructure.AUTO, 18081, 15432, 16650, 18080, 13181);
        StackState written = new StackState("local", "local", "/usr/lib/postgresql/16/bin", settings, true,
                "2026-01-02T03:04:05Z");

        written.write(directory.resolve("run/stack.env"));

        assertThat(StackState.read(directory.resolve("run/stack.env"))).contains(written);
    }

    @Test
    void a_missing_or_damaged_file_is_no_state() throws Exception {
        assertThat(StackState.read(directory.resolve("stack.env"))).isEmpty();

        Files.writeString(directory.resolve("stack.env"), "MODE=local\nAPI_PORT=oops\n");

        assertThat(StackState.read(directory.resolve("stack.env"))).isEmpty();
    }
}
