package com.acme.wallet.domain;

/**
 * Identifies a wallet; the seed API calls it the user id.
 *
 * <p>Between {@value #MIN_LENGTH} and {@value #MAX_LENGTH} characters, each an ASCII letter, a
 * digit or one of {@code . _ : @ -}, and not {@code .} or {@code ..}. The limited alphabet keeps
 * ids safe in URLs, log lines, message keys and file names without escaping.
 *
 * @param value the id as the client sent it
 */
public record WalletId(String value) {

    /** The shortest allowed id. */
    public static final int MIN_LENGTH = 1;

    /** The longest allowed id. */
    public static final int MAX_LENGTH = 64;

    /**
     * Validates the id.
     *
     * @param value the id as the client sent it
     * @throws InvalidInputException if the id is null, of the wrong length or has a character
     *     outside the allowed alphabet
     */
    public WalletId {
        if (value == null) {
            throw new InvalidInputException("user id is required");
        }
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    "user id must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isAllowed(value.charAt(i))) {
                throw new InvalidInputException(
                        "user id may only contain letters, digits and . _ : @ -");
            }
        }
        if (value.equals(".") || value.equals("..")) {
            // Path segments with a meaning of their own; refused so that ids stay safe in URLs and file names.
            throw new InvalidInputException("user id must not be . or ..");
        }
    }

    /**
     * Parses an id.
     *
     * @param value the id as sent
     * @return the validated id
     * @throws InvalidInputException if the id breaks the rules above
     */
    public static WalletId of(String value) {
        return new WalletId(value);
    }

    private static boolean isAllowed(char character) {
        return (character >= 'a' && character <= 'z')
                || (character >= 'A' && character <= 'Z')
                || (character >= '0' && character <= '9')
                || character == '.' || character == '_' || character == ':'
                || character == '@' || character == '-';
    }

    @Override
    public String toString() {
        return value;
    }
}
