package com.acme.wallet.domain;

import static com.acme.wallet.domain.BettingFixtures.bet;
import static com.acme.wallet.domain.BettingFixtures.rollback;
import static com.acme.wallet.domain.WalletFixtures.FIXED_TIME;
import static com.acme.wallet.domain.WalletFixtures.PLAYER;
import static com.acme.wallet.domain.WalletFixtures.ref;
import static com.acme.wallet.domain.WalletFixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.domain.RollbackEffect.NothingToRollBack;
import com.acme.wallet.domain.RollbackEffect.OriginalOutcome;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A store's answer holds only for the changes it held when asked, and only for what was asked. */
class RecalledTest {

    private static final Recall ASKED = new Recall(Set.of(ref("tx-1")), Optional.of(RoundId.of("r-1")), 3, 5);

    @Test
    void an_answer_covers_a_wallet_that_forgot_no_more_than_the_store_held() {
        Recalled answer = new Recalled(ASKED, 5, List.of(), Optional.of(RoundSummary.none(RoundId.of("r-1"), 3)));

        assertThat(answer.covers(4)).isTrue();
        assertThat(answer.covers(5)).isTrue();
        assertThat(answer.covers(6)).as("the wallet forgot a change the store did not hold yet").isFalse();
    }

    @Test
    void an_answer_holds_the_entries_asked_and_the_rollbacks_of_them_only() {
        LedgerEntry asked = new LedgerEntry(new BetPlaced(stamp().eventId(), PLAYER, 2, bet("tx-1", "r-1", 5), FIXED_TIME), 5);
        LedgerEntry rollbackOfAsked = new LedgerEntry(new RolledBack(stamp().eventId(), PLAYER, 3,
                rollback("rb-1", "tx-1"), new NothingToRollBack(OriginalOutcome.UNKNOWN), FIXED_TIME), 5);
        LedgerEntry other = new LedgerEntry(new BetPlaced(stamp().eventId(), PLAYER, 4, bet("tx-2", "r-1", 5), FIXED_TIME), 0);
        Optional<RoundSummary> round = Optional.of(RoundSummary.none(RoundId.of("r-1"), 3));

        assertThat(new Recalled(ASKED, 5, List.of(asked, rollbackOfAsked), round).entries()).hasSize(2);
        assertThatThrownBy(() -> new Recalled(ASKED, 5, List.of(other), round)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_answer_summarises_the_round_asked_through_the_sequence_asked() {
        assertThatThrownBy(() -> new Recalled(ASKED, 5, List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recalled(ASKED, 5, List.of(), Optional.of(RoundSummary.none(RoundId.of("r-1"), 4))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recalled(ASKED, 5, List.of(), Optional.of(RoundSummary.none(RoundId.of("r-2"), 3))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_question_counts_no_round_beyond_what_the_wallet_forgot() {
        assertThatThrownBy(() -> new Recall(Set.of(), Optional.of(RoundId.of("r-1")), 6, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recall(Set.of(), Optional.empty(), 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
