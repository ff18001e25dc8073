package com.acme.wallet.domain;

/**
 * The client's name for one change of a wallet, such as {@code wonbet-111}.
 *
 * <p>A reference is applied to a wallet at most once, forever: the client chooses it and reuses it
 * on every retry, which is what makes retries safe. Between 1 and {@value #MAX_LENGTH} characters,
 * not blank (no kind of space counts), with no control, invisible format or line-separator
 * characters (they would corrupt or disguise it in logs and reports).
 *
 * @param value the reference as the client sent it
 */
public record Reference(String value) {

    /** The longest allowed reference, in UTF-16 code units. */
    public static final int MAX_LENGTH = 128;

    /**
     * Validates the reference.
     *
     * @param value the reference as the client sent it
     * @throws InvalidInputException if the reference is null, blank, too long or holds a control
     *     character
     */
    public Reference {
        ClientName.check("reference", value, MAX_LENGTH);
    }

    /**
     * Parses a reference.
     *
     * @param value the reference as sent
     * @return the validated reference
     * @throws InvalidInputException if the reference breaks the rules above
     */
    public static Reference of(String value) {
        return new Reference(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
