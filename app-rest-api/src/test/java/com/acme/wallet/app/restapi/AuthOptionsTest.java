package com.acme.wallet.app.restapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.adapter.http.ApiTokens;
import com.acme.wallet.adapter.http.Scope;
import com.acme.wallet.adapter.http.TokenFile;
import com.acme.wallet.application.port.in.Caller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API starts only with tokens to check, or when told in so many words to check nobody: no
 * token file is a refusal to start (the program exits 2 with this message), not an open API.
 */
class AuthOptionsTest {

    @TempDir
    Path directory;

    @Test
    void without_a_token_file_the_rest_api_refuses_to_start_and_says_how_to_go_on() {
        AuthOptions options = parsed();

        assertThatThrownBy(options::tokenFile).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no token is configured: set WALLET_TOKENS_FILE to a token file (see the README, "
                        + "Security), or WALLET_AUTH=none to let every request do everything on a developer's machine");
    }

    @Test
    void only_an_explicit_none_starts_it_checking_nobody_and_not_with_a_token_file_beside() throws IOException {
        Path tokens = Files.writeString(directory.resolve("tokens"),
                ApiTokens.line(new Caller("game-server"), Set.of(Scope.WRITE), "s3cret") + "\n");

        assertThat(parsed("--auth", "none").tokenFile()).isEmpty();
        assertThatThrownBy(() -> parsed("--auth", "none", "--tokens-file", tokens.toString()).tokenFile())
                .hasMessage("WALLET_TOKENS_FILE is set with WALLET_AUTH=none; drop one of them");
    }

    @Test
    void a_token_file_is_read_and_checked_before_the_start() throws IOException {
        Path tokens = Files.writeString(directory.resolve("tokens"),
                ApiTokens.line(new Caller("game-server"), Set.of(Scope.WRITE), "s3cret") + "\n");
        Path broken = Files.writeString(directory.resolve("broken"), "game-server wallet:write s3cret\n");

        Optional<TokenFile> read = parsed("--tokens-file", tokens.toString()).tokenFile();
        assertThat(read).isPresent();
        assertThat(read.get().get().grantOf("s3cret")).isPresent();
        read.get().close();
        assertThatThrownBy(() -> parsed("--tokens-file", broken.toString()).tokenFile())
                .hasMessageStartingWith(broken + ", line 1: ").message().doesNotContain("s3cret");
    }

    private static AuthOptions parsed(String... arguments) {
        RestApiOptions options = new RestApiOptions();
        String[] withLog = new String[arguments.length + 2];
        withLog[0] = "--log";
        withLog[1] = "memory";
        System.arraycopy(arguments, 0, withLog, 2, arguments.length);
        RestApiMain.commandLine(options).parseArgs(withLog);
        return options.auth;
    }
}
