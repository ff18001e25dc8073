package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * A leg of a round that breaks one of the round's rules, counted over the round's applied legs in
 * sequence order (bets, wins, refunds of its bets and reclaims of its wins; refused legs count for
 * nothing). The counts and sums are the round's after the leg.
 *
 * @param walletId the wallet
 * @param roundId the round
 * @param sequence the leg's sequence number
 * @param reference the leg's reference
 * @param rule the rule it breaks (the first in {@link Rule}'s order, if several)
 * @param standingBets bets placed less bets refunded
 * @param standingWins wins paid less wins reclaimed
 * @param stakedCents the stakes of the bets placed less the stakes refunded
 * @param wonCents the wins paid less the wins reclaimed
 */
public record RoundRuleBroken(WalletId walletId, String roundId, long sequence, String reference, Rule rule,
        long standingBets, long standingWins, long stakedCents, long wonCents) {

    /** The rules of a round, each named as the report shows it. */
    public enum Rule {
        /** A bet or a win after a leg that closed the round (even one rolled back since). */
        LEG_AFTER_CLOSE("leg-after-close"),
        /** A win paid while the round had no standing bet. */
        WIN_WITHOUT_BET("win-without-bet"),
        /** A bet refunded while the round had a standing win. */
        REFUND_AFTER_WIN("refund-after-win"),
        /** More bets refunded than placed, or more wins reclaimed than paid. */
        STANDING_BELOW_ZERO("standing-below-zero"),
        /** More staked money refunded than staked, or more won money reclaimed than paid. */
        SUM_BELOW_ZERO("sum-below-zero");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        /** {@return the rule's name in the report} */
        public String label() {
            return label;
        }
    }

    /** Validates the record. */
    public RoundRuleBroken {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(rule, "rule");
    }
}
