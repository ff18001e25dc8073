package com.acme.wallet.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store's answer to a {@link Recall}. It holds only for the changes the store held when asked:
 * a wallet that has forgotten more by the time it decides asks again.
 *
 * @param recall the question answered
 * @param coversThrough the answer holds for every change of the wallet up to this sequence
 * @param entries every stored entry whose reference was asked, and every stored rollback whose
 *     original was asked
 * @param round the round's summary, present if and only if one was asked
 */
public record Recalled(Recall recall, long coversThrough, List<LedgerEntry> entries, Optional<RoundSummary> round) {

    /**
     * Validates the answer.
     *
     * @param recall the question answered
     * @param coversThrough the answer holds for every change of the wallet up to this sequence
     * @param entries every stored entry whose reference was asked, and every stored rollback whose
     *     original was asked
     * @param round the round's summary, present if and only if one was asked
     */
    public Recalled {
        Objects.requireNonNull(recall, "recall");
        entries = List.copyOf(entries);
        Objects.requireNonNull(round, "round");
        if (round.isPresent() != recall.round().isPresent()
                || round.isPresent() && (!round.get().roundId().equals(recall.round().get())
                        || round.get().through() != recall.roundThrough())) {
            throw new IllegalArgumentException("the answer's round " + round + " answers no question of " + recall);
        }
        for (LedgerEntry entry : entries) {
            boolean asked = recall.references().contains(entry.reference())
                    || entry.event() instanceof RolledBack rollback
                            && recall.references().contains(rollback.originalReference());
            if (!asked) {
                throw new IllegalArgumentException("entry " + entry.reference() + " answers no question of " + recall);
            }
        }
    }

    /**
     * Whether the answer holds for a wallet that has forgotten its changes up to a sequence.
     *
     * @param forgottenThrough the last sequence the wallet forgot
     * @return whether the answer covers every change the wallet forgot
     */
    public boolean covers(long forgottenThrough) {
        return coversThrough >= forgottenThrough;
    }
}
