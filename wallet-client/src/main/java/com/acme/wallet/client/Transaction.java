package com.acme.wallet.client;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A reference's recorded outcome, as the transaction lookup and history pages show it. Fields that
 * do not apply to a type are empty.
 *
 * @param reference the reference; empty for a wallet's opening (type {@code OPEN})
 * @param type {@code ADD}, {@code REMOVE}, {@code BET}, {@code WIN}, {@code ROLLBACK} or {@code OPEN}
 * @param outcome {@link #APPLIED}, {@link #REJECTED} or {@link #TOMBSTONE}
 * @param amountCents what it moved, or what a rejected request asked for
 * @param sequence its place in the wallet's history
 * @param balanceAfterCents the balance right after it
 * @param occurredAt when the service recorded it
 * @param code a rejection's error code
 * @param roundId a bet's or win's round
 * @param closesRound whether a bet or win closed its round
 * @param metadata a bet's or win's metadata
 * @param originalReference what a rollback names
 * @param originalOutcome for a rollback that moved nothing, what its original was
 * @param rolledBackBy for a bet or win a rollback named before it came: that rollback's reference
 */
public record Transaction(Optional<String> reference, String type, String outcome, OptionalLong amountCents,
        long sequence, OptionalLong balanceAfterCents, Optional<Instant> occurredAt, Optional<ErrorCode> code,
        Optional<String> roundId, boolean closesRound, Map<String, String> metadata, Optional<String> originalReference,
        Optional<String> originalOutcome, Optional<String> rolledBackBy) {

    public static final String APPLIED = "applied";
    public static final String REJECTED = "rejected";
    public static final String TOMBSTONE = "tombstone";

    public Transaction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        metadata = Map.copyOf(metadata);
    }
}
