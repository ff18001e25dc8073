package com.acme.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {

    @Test
    void a_reference_keeps_the_clients_text() {
        Reference reference = Reference.of("wonbet-111");

        assertThat(reference.value()).isEqualTo("wonbet-111");
        assertThat(reference).hasToString("wonbet-111").isEqualTo(new Reference("wonbet-111"));
    }

    @Test
    void a_reference_of_one_character_is_accepted() {
        assertThat(Reference.of("x").value()).isEqualTo("x");
    }

    @Test
    void a_reference_of_128_characters_is_accepted() {
        assertThat(Reference.of("r".repeat(Reference.MAX_LENGTH)).value()).hasSize(128);
    }

    @Test
    void a_reference_of_129_characters_is_rejected() {
        assertThatThrownBy(() -> Reference.of("r".repeat(129)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("reference must be at most 128 characters long");
    }

    @Test
    void unicode_text_and_inner_spaces_are_allowed() {
        assertThat(Reference.of("Wette für Spiel 7 😀").value()).isEqualTo("Wette für Spiel 7 😀");
    }

    @Test
    void the_length_limit_counts_utf16_code_units_so_a_surrogate_pair_counts_twice() {
        String emoji = "😀";

        assertThat(Reference.of(emoji.repeat(64)).value()).hasSize(128);
        assertThatThrownBy(() -> Reference.of(emoji.repeat(65))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_missing_reference_is_rejected_as_bad_input() {
        assertThatThrownBy(() -> Reference.of(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("reference is required and must not be blank");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", " ", "   ", "\t", "\n", " \r\n ", "\u2003", "\u00a0", "\u202f \u3000"})
    void an_empty_or_blank_reference_is_rejected(String value) {
        assertThatThrownBy(() -> Reference.of(value))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("reference is required and must not be blank");
    }

    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(chars = {'\u0000', '\u0001', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f', '\u0080', '\u009f'})
    void a_reference_with_a_control_character_is_rejected(char control) {
        // Control characters would forge or break log lines and reports that print the reference.
        assertThatThrownBy(() -> Reference.of("bet" + control + "1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("reference must not contain control characters");
    }

    @Test
    void the_characters_just_outside_the_control_ranges_are_allowed() {
        assertThat(Reference.of("a\u0020b\u007eb\u00a0c").value()).hasSize(7);
    }

    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(chars = {'\u200b', '\u200d', '\u202e', '\u2066', '\ufeff', '\u2028', '\u2029'})
    void a_reference_with_an_invisible_format_or_separator_character_is_rejected(char invisible) {
        // Bidirectional overrides and zero-width characters let one reference pose as another in a report.
        assertThatThrownBy(() -> Reference.of("bet" + invisible + "1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("reference must not contain control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bet\ud800", "\udc00bet", "bet\ud800x\udc00"})
    void a_reference_with_a_lone_surrogate_is_rejected(String value) {
        // UTF-8 cannot carry it: the stored reference would differ from the one a retry sends.
        assertThatThrownBy(() -> Reference.of(value))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("reference must be valid Unicode text");
    }

    @Test
    void a_reference_with_a_surrogate_pair_is_accepted() {
        assertThat(Reference.of("bet\ud83d\ude00").value()).hasSize(5);
    }
}
