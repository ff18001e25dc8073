package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.port.in.Caller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens are rotated without a restart: the file is read again when it changes, whole or not at all. */
class TokenFileTest {

    private static final String OLD = ApiTokens.line(new Caller("game-server"), Set.of(Scope.WRITE), "old-secret");
    private static final String NEW = ApiTokens.line(new Caller("game-server"), Set.of(Scope.WRITE), "new-secret");
    /** Bounds a wait for the poller on a loaded machine; the poll itself runs every 20 ms. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void a_file_moved_into_place_is_taken_by_the_poller_and_the_old_token_stops_working() throws IOException {
        Path file = write("tokens", OLD);
        try (TokenFile tokens = TokenFile.read(file).watchEvery(Duration.ofMillis(20))) {
            assertThat(tokens.get().grantOf("old-secret")).isPresent();

            Files.move(write("tokens.new", NEW), file, StandardCopyOption.ATOMIC_MOVE);

            awaitTrue(() -> tokens.get().grantOf("new-secret").isPresent());
            assertThat(tokens.get().grantOf("old-secret")).isEmpty();
        }
    }

    @Test
    void a_broken_file_is_refused_whole_and_the_tokens_in_force_stay() throws IOException {
        Path file = write("tokens", OLD);
        try (TokenFile tokens = TokenFile.read(file)) {
            write("tokens", NEW + "\ngame-server wallet:nonsense sha256:" + "0".repeat(64));

            assertThat(tokens.reload()).isFalse();
            assertThat(tokens.get().grantOf("old-secret")).isPresent();
            assertThat(tokens.get().grantOf("new-secret")).isEmpty();

            write("tokens", NEW);
            assertThat(tokens.reload()).isTrue();
            assertThat(tokens.get().grantOf("new-secret")).isPresent();
        }
    }

    @Test
    void a_deleted_file_revokes_nothing_until_a_valid_one_is_back() throws IOException {
        Path file = write("tokens", OLD);
        try (TokenFile tokens = TokenFile.read(file)) {
            Files.delete(file);

            assertThat(tokens.reload()).isFalse();
            assertThat(tokens.get().grantOf("old-secret")).isPresent();
        }
    }

    @Test
    void a_missing_or_broken_file_at_start_is_refused() throws IOException {
        assertThatThrownBy(() -> TokenFile.read(directory.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
        Path empty = write("empty", "# no tokens yet");
        assertThatThrownBy(() -> TokenFile.read(empty)).hasMessageContaining("lists no token");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content + "\n");
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within " + PATIENCE).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }
}
