package com.acme.wallet.application.port.in;

/**
 * A new wallet was refused: the service holds as many wallets as it is configured to
 * ({@code WALLET_MAX_WALLETS}). Nothing changed and nothing is recorded; opening the same wallet
 * again succeeds once an operator raises the limit. Existing wallets take every change as before.
 *
 * <p>An operational limit, not a business answer: the domain knows nothing of it. The message is
 * safe to show to a client.
 */
public final class WalletLimitReachedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param maxWallets the limit reached
     */
    public WalletLimitReachedException(int maxWallets) {
        super("the service holds its most wallets (" + maxWallets + "); no new wallet is opened until the limit is "
                + "raised", null, false, false);
    }
}
