package com.acme.wallet.domain;

/**
 * An amount of money in integer cents, from zero to {@value #MAX_CENTS}.
 *
 * <p>Money is never a floating-point number here. The upper bound keeps every sum the wallet forms
 * (a balance plus all changes in flight) far below {@link Long#MAX_VALUE}; the arithmetic is
 * overflow-checked all the same.
 *
 * @param cents the amount in cents
 */
public record Amount(long cents) {

    /** The largest amount one request may carry: ten billion units of currency. */
    public static final long MAX_CENTS = 1_000_000_000_000L;

    /** No money. Valid only as an opening balance. */
    public static final Amount ZERO = new Amount(0);

    /**
     * Validates the amount.
     *
     * @param cents the amount in cents
     * @throws InvalidInputException if the amount is negative or above {@link #MAX_CENTS}
     */
    public Amount {
        if (cents < 0) {
            throw new InvalidInputException("amount must not be negative");
        }
        if (cents > MAX_CENTS) {
            throw new InvalidInputException("amount must be at most " + MAX_CENTS + " cents");
        }
    }

    /**
     * An amount that may be zero, as an opening balance.
     *
     * @param cents the amount in cents
     * @return the validated amount
     * @throws InvalidInputException if the amount is negative or too large
     */
    public static Amount ofCents(long cents) {
        return new Amount(cents);
    }

    /**
     * An amount that moves money, so it must be above zero: a credit or a debit.
     *
     * @param cents the amount in cents
     * @return the validated amount
     * @throws InvalidInputException if the amount is zero, negative or too large
     */
    public static Amount positive(long cents) {
        if (cents <= 0) {
            throw new InvalidInputException("amount must be greater than zero");
        }
        return new Amount(cents);
    }

    /** {@return whether this amount is above zero} */
    public boolean isPositive() {
        return cents > 0;
    }

    @Override
    public String toString() {
        return cents + " cents";
    }
}
