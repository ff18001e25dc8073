package com.acme.wallet.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a wallet that has forgotten some of its changes asks the store that holds them, to decide a
 * request: the question of a {@link Decision.LookUp}.
 *
 * @param references the references to recall: for each, its entry, and the rollback that names it
 *     as its original, if any
 * @param round the round to summarise, if any
 * @param roundThrough the summary counts the round's legs up to this sequence only; 0 without a round
 * @param forgottenThrough the answer must cover the wallet's changes at least up to this sequence
 */
public record Recall(Set<Reference> references, Optional<RoundId> round, long roundThrough, long forgottenThrough) {

    /**
     * Validates the question.
     *
     * @param references the references to recall: for each, its entry, and the rollback that names it
     *     as its original, if any
     * @param round the round to summarise, if any
     * @param roundThrough the summary counts the round's legs up to this sequence only; 0 without a round
     * @param forgottenThrough the answer must cover the wallet's changes at least up to this sequence
     */
    public Recall {
        references = Set.copyOf(references);
        Objects.requireNonNull(round, "round");
        if (roundThrough > forgottenThrough || forgottenThrough < 1) {
            throw new IllegalArgumentException("a recall through " + forgottenThrough + " cannot count a round through "
                    + roundThrough);
        }
    }
}
