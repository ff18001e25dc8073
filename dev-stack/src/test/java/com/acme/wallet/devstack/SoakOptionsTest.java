package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SoakOptionsTest {

    @Test
    void without_options_the_soak_runs_ten_minutes_on_a_fresh_seed() {
        assertThat(SoakCommand.Options.parse(List.of())).isEqualTo(new SoakCommand.Options(10, OptionalLong.empty()));
    }

    @Test
    void minutes_and_seed_are_taken_in_any_order_and_shown_as_typed() {
        SoakCommand.Options options = SoakCommand.Options.parse(List.of("--seed", "-42", "--minutes", "2"));

        assertThat(options).isEqualTo(new SoakCommand.Options(2, OptionalLong.of(-42)));
        assertThat(options.asTyped()).isEqualTo("./wallet soak --minutes 2 --seed -42");
    }

    @Test
    void minutes_outside_1_to_1440_are_refused() {
        for (String minutes : new String[] {"0", "1441", "01", "x", ""}) {
            List<String> arguments = minutes.isEmpty() ? List.of("--minutes") : List.of("--minutes", minutes);
            assertThatThrownBy(() -> SoakCommand.Options.parse(arguments))
                    .isInstanceOf(StackFailure.class).hasMessage("--minutes takes 1 to 1440");
        }
    }

    @Test
    void a_seed_that_is_not_a_java_long_is_refused() {
        for (String seed : new String[] {"1.5", "9223372036854775808", "abc"}) {
            assertThatThrownBy(() -> SoakCommand.Options.parse(List.of("--seed", seed)))
                    .isInstanceOf(StackFailure.class).hasMessage("--seed takes a whole number (a Java long)");
        }
    }

    @Test
    void an_unknown_option_is_refused_with_a_pointer_to_the_help() {
        assertThatThrownBy(() -> SoakCommand.Options.parse(List.of("--hours", "1")))
                .isInstanceOf(StackFailure.class).hasMessage("unknown option for soak: --hours (see ./wallet help)");
    }
}
