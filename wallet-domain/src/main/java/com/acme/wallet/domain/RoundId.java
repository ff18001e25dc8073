package com.acme.wallet.domain;

/**
 * The game provider's name for one round of a game, such as {@code r-9}: the bets and wins of a
 * round are its legs. A round is open until a leg {@linkplain BetRequest#closesRound closes} it.
 * Follows the rules of a {@link Reference}: 1 to {@value #MAX_LENGTH} characters, not blank, no
 * control characters.
 *
 * @param value the round id as the client sent it
 */
public record RoundId(String value) {

    /** The longest allowed round id, in UTF-16 code units. */
    public static final int MAX_LENGTH = 128;

    /**
     * Validates the round id.
     *
     * @param value the round id as the client sent it
     * @throws InvalidInputException if it is null, blank, too long or holds a control character
     */
    public RoundId {
        ClientName.check("roundId", value, MAX_LENGTH);
    }

    /**
     * Parses a round id.
     *
     * @param value the round id as sent
     * @return the validated round id
     * @throws InvalidInputException if it breaks the rules above
     */
    public static RoundId of(String value) {
        return new RoundId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
