package com.acme.wallet.adapter.http;

import java.util.List;
import java.util.Map;

/** The JSON bodies of the API, exactly as the seed's clients read them. */
final class Bodies {

    private Bodies() {}

    /** Request to open a wallet: {@code {"amount": 100}}; the amount may be left out. */
    record OpenWalletRequest(long amount) {}

    /** Request to add or remove funds: {@code {"amount": 10, "reference": "wonbet-1"}}. */
    record ChangeFundsRequest(long amount, String reference) {}

    /**
     * Request to place a bet or pay a win: {@code {"amount": 500, "reference": "tx-123", "roundId": "r-9",
     * "closesRound": false, "metadata": {"game": "x"}}}; closesRound and metadata may be left out.
     */
    record RoundLegRequest(long amount, String reference, String roundId, boolean closesRound,
            Map<String, String> metadata) {}

    /** Request to roll back: {@code {"reference": "rb-77", "originalReference": "tx-123"}}. */
    record RollbackRequest(String reference, String originalReference) {}

    /** A wallet and its balance in cents. */
    record WalletResponse(String userId, long balance) {}

    /**
     * A funds change that is durable: the seed's {@code success}/{@code msg} plus the new balance and
     * the wallet's sequence after the change.
     */
    record ChangeResponse(boolean success, String msg, String userId, String reference, long amount, long balance,
            long sequence) {}

    /** A bet placed or a win paid, durable: the new balance and the wallet's sequence after it. */
    record RoundLegResponse(boolean success, String msg, String userId, String reference, String roundId, long amount,
            long balance, long sequence) {}

    /** A bet or a win rolled back, durable: what moved, the new balance and the sequence after it. */
    record RollbackResponse(boolean success, String msg, String userId, String reference, String originalReference,
            long amount, long balance, long sequence) {}

    /**
     * A rollback with nothing to roll back, recorded: the original never arrived ({@code unknown},
     * and it is refused if it does) or was refused ({@code rejected}).
     */
    record TombstoneResponse(boolean success, String msg, boolean tombstone, String originalOutcome, String userId,
            String reference, String originalReference, long amount, long balance, long sequence) {}

    /** A refusal for a reason of money or of the round, recorded: the error, and the balance it shows. */
    record RefusalResponse(boolean success, String msg, String code, long balance) {
        RefusalResponse(String msg, ErrorCode code, long balance) {
            this(false, msg, code.wire(), balance);
        }
    }

    /** Any rejection or failure. */
    record ErrorResponse(boolean success, String msg, String code) {
        ErrorResponse(String msg, ErrorCode code) {
            this(false, msg, code.wire());
        }
    }

    /**
     * A page of a wallet's stored history: its items as a lookup renders them, the cursor of the next
     * page (null when none followed), and how far PostgreSQL had stored the wallet.
     */
    record HistoryResponse(String userId, List<Map<String, Object>> items, String nextCursor,
            long storedThroughSequence) {}

    /** A wallet's balance at a point of its past: after the event {@code sequence}, at the instant {@code at}. */
    record BalanceAtResponse(String userId, long balance, long sequence, String at) {}

    /** A round: OPEN or CLOSED, the bets and wins not rolled back summed, and its legs. */
    record RoundResponse(String userId, String roundId, String status, long staked, long won, List<RoundLegBody> legs) {}

    /** An applied bet or win of a round, and the rollback that undid it (null if none). */
    record RoundLegBody(String reference, String type, long amount, long sequence, String rolledBackBy) {}
}
