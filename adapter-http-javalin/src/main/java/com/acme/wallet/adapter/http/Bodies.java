package com.acme.wallet.adapter.http;

/** The JSON bodies of the API, exactly as the seed's clients read them. */
final class Bodies {

    private Bodies() {}

    /** Request to open a wallet: {@code {"amount": 100}}; the amount may be left out. */
    record OpenWalletRequest(long amount) {}

    /** Request to add or remove funds: {@code {"amount": 10, "reference": "wonbet-1"}}. */
    record ChangeFundsRequest(long amount, String reference) {}

    /** A wallet and its balance in cents. */
    record WalletResponse(String userId, long balance) {}

    /** A funds change that is durable: the seed's {@code success}/{@code msg} plus the new balance. */
    record ChangeResponse(boolean success, String msg, String userId, String reference, long amount, long balance) {}

    /**
     * A durable funds change, looked up by its reference.
     *
     * @param type {@code ADD} or {@code REMOVE}
     * @param amount how much moved, in cents
     * @param sequence the change's position among the wallet's events
     * @param balanceAfter the wallet's balance right after the change, in cents
     * @param occurredAt when the change was decided, ISO-8601 in UTC
     */
    record TransactionResponse(String userId, String reference, String type, long amount, long sequence,
            long balanceAfter, String occurredAt) {}

    /** Any rejection or failure. */
    record ErrorResponse(boolean success, String msg, String code) {
        ErrorResponse(String msg, ErrorCode code) {
            this(false, msg, code.wire());
        }
    }
}
