package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.port.in.Caller;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The token file's rules, and what a token grants. */
class ApiTokensTest {

    private static final String GAME_SERVER = ApiTokens.line(new Caller("game-server"),
            Set.of(Scope.WRITE, Scope.READ), "s3cret-of-the-game-server");
    private static final String BACKOFFICE = ApiTokens.line(new Caller("backoffice"), Set.of(Scope.OPEN),
            "s3cret-of-the-backoffice");

    @Test
    void a_line_holds_the_name_the_scopes_and_the_tokens_sha256_never_the_token() {
        assertThat(GAME_SERVER).matches("game-server wallet:read,wallet:write sha256:[0-9a-f]{64}")
                .doesNotContain("s3cret");
        // sha256("abc"), as every SHA-256 implementation gives it.
        assertThat(ApiTokens.line(new Caller("x"), Set.of(Scope.ADMIN), "abc"))
                .isEqualTo("x admin sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void a_listed_token_grants_its_callers_scopes_and_nothing_else_is_granted() {
        ApiTokens tokens = ApiTokens.parse(List.of("# the platform's services", "", GAME_SERVER, "  " + BACKOFFICE),
                "tokens");

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.grantOf("s3cret-of-the-game-server")).hasValue(
                new ApiTokens.Grant(new Caller("game-server"), Set.of(Scope.READ, Scope.WRITE)));
        assertThat(tokens.grantOf("s3cret-of-the-backoffice")).hasValue(
                new ApiTokens.Grant(new Caller("backoffice"), Set.of(Scope.OPEN)));
        assertThat(tokens.grantOf("S3CRET-OF-THE-GAME-SERVER")).isEmpty();
        assertThat(tokens.grantOf("s3cret-of-the-game-serve")).isEmpty();
        assertThat(tokens.grantOf("")).isEmpty();
        assertThat(tokens.grantOf("x".repeat(ApiTokens.MAX_TOKEN_LENGTH + 1))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "game-server wallet:read",
        "game-server wallet:read sha256:00 extra",
        "game server wallet:read sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "game/server wallet:read sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "game-server wallet:delete sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "game-server wallet:read, sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "game-server wallet:read BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
        "game-server wallet:read sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
        "game-server wallet:read sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015",
        "game-server wallet:read s3cret-of-the-game-server"
    })
    void a_line_that_breaks_a_rule_is_refused_naming_the_line_but_not_its_content(String line) {
        assertThatThrownBy(() -> ApiTokens.parse(List.of("# header", line), "tokens.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tokens.txt, line 2: ")
                .message().doesNotContain("s3cret");
    }

    @Test
    void a_name_or_a_token_listed_twice_is_refused() {
        String sameName = ApiTokens.line(new Caller("game-server"), Set.of(Scope.READ), "another-secret");
        String sameToken = ApiTokens.line(new Caller("other"), Set.of(Scope.READ), "s3cret-of-the-game-server");

        assertThatThrownBy(() -> ApiTokens.parse(List.of(GAME_SERVER, sameName), "tokens.txt"))
                .hasMessage("tokens.txt, line 2: the name game-server is listed twice");
        assertThatThrownBy(() -> ApiTokens.parse(List.of(GAME_SERVER, sameToken), "tokens.txt"))
                .hasMessage("tokens.txt, line 2: the same token is listed twice");
    }

    @Test
    void a_file_without_any_token_is_refused() {
        assertThatThrownBy(() -> ApiTokens.parse(List.of("# nothing yet", ""), "tokens.txt"))
                .hasMessage("tokens.txt lists no token");
    }
}
