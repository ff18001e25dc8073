package com.acme.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WalletIdTest {

    @Test
    void an_id_may_use_letters_digits_and_the_five_separators() {
        WalletId id = WalletId.of("abcXYZ-019._:@");

        assertThat(id.value()).isEqualTo("abcXYZ-019._:@");
        assertThat(id).hasToString("abcXYZ-019._:@");
    }

    @Test
    void an_id_of_one_character_is_accepted() {
        assertThat(WalletId.of("a").value()).isEqualTo("a");
    }

    @Test
    void an_id_of_sixty_four_characters_is_accepted() {
        String longest = "x".repeat(WalletId.MAX_LENGTH);

        assertThat(WalletId.of(longest).value()).hasSize(64);
    }

    @Test
    void an_id_of_sixty_five_characters_is_rejected() {
        assertThatThrownBy(() -> WalletId.of("x".repeat(65)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 to 64 characters");
    }

    @Test
    void an_empty_id_is_rejected() {
        assertThatThrownBy(() -> WalletId.of(""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 to 64 characters");
    }

    @Test
    void a_missing_id_is_rejected_as_bad_input_not_as_a_null_pointer() {
        // Adapters map InvalidInputException to a client error; an NPE would become a server error.
        assertThatThrownBy(() -> WalletId.of(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user id is required");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "spieler-ü", "игрок", "玩家", "player😀", "ｐｌａｙｅｒ", "player１", // non-ASCII letters and digits
        "player 1", " player", "player\t1", "player\n", "player\u0000", // whitespace and control characters
        "player/1", "player+1", "player%201", "player#1", "player?", "a,b", "{id}", "'", "\"", "\\" // URL/log specials
    })
    void an_id_with_a_character_outside_the_alphabet_is_rejected(String value) {
        assertThatThrownBy(() -> WalletId.of(value))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user id may only contain letters, digits and . _ : @ -");
    }

    @Test
    void ids_with_the_same_value_are_equal_and_case_matters() {
        assertThat(WalletId.of("Player-1")).isEqualTo(new WalletId("Player-1"));
        assertThat(WalletId.of("Player-1")).isNotEqualTo(WalletId.of("player-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void the_path_segments_dot_and_dot_dot_are_not_ids(String value) {
        // They would change the meaning of a URL path or a file name built from the id.
        assertThatThrownBy(() -> WalletId.of(value))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user id must not be . or ..");
    }

    @Test
    void dots_with_other_characters_are_ids() {
        assertThat(WalletId.of("...").value()).isEqualTo("...");
        assertThat(WalletId.of(".a").value()).isEqualTo(".a");
    }
}
