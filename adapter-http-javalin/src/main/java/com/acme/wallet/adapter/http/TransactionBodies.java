package com.acme.wallet.adapter.http;

import com.acme.wallet.application.port.out.history.HistoryEntry;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.FundsRequest;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RollbackEffect;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletRequest;
import com.acme.wallet.domain.WinRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rendering of a stored change, shared by the lookup of a reference and the items of a
 * history page, so that a client reads both alike: the fields every change has, in the order the
 * seed's clients read them, then those of its kind. Fields that do not apply to a kind are left
 * out, not sent as null.
 */
final class TransactionBodies {

    /** The type a history item of a wallet's opening shows; it is no kind of change a client asks for. */
    static final String OPENING_TYPE = "OPEN";

    private TransactionBodies() {}

    /** {@return a reference's durable outcome as {@code GET /wallet/{userId}/transactions/{reference}} shows it} */
    static Map<String, Object> lookup(LedgerEntry entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", entry.event().walletId().value());
        putEntry(body, entry);
        return body;
    }

    /**
     * {@return an entry as a history page's item shows it: as the lookup does, without the user id
     *     (the page names it once); the opening as type {@value #OPENING_TYPE}, without a reference}
     */
    static Map<String, Object> historyItem(HistoryEntry entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        entry.ledgerEntry().ifPresentOrElse(ledgerEntry -> putEntry(body, ledgerEntry), () -> {
            WalletEvent opening = entry.event();
            body.put("type", OPENING_TYPE);
            body.put("outcome", LedgerEntry.Outcome.APPLIED.wireName());
            body.put("amount", opening.amount().cents());
            body.put("sequence", opening.sequence());
            body.put("balanceAfter", entry.balanceAfterCents());
            body.put("occurredAt", opening.occurredAt().toString());
        });
        return body;
    }

    /** A rejected request shows the amount it asked for; everything else shows the amount it moved. */
    private static void putEntry(Map<String, Object> body, LedgerEntry entry) {
        ReferencedEvent event = entry.event();
        WalletRequest request = event.request();
        body.put("reference", event.reference().value());
        body.put("type", entry.type().name());
        body.put("outcome", entry.outcome().wireName());
        body.put("amount", event instanceof RequestRefused ? requestedCents(request) : event.amount().cents());
        body.put("sequence", entry.sequence());
        body.put("balanceAfter", entry.balanceAfterCents());
        body.put("occurredAt", event.occurredAt().toString());
        if (event instanceof RequestRefused refused) {
            body.put("code", ErrorCode.of(refused.code()).wire());
        }
        if (request instanceof BetRequest bet) {
            putRoundLeg(body, bet.roundId(), bet.closesRound(), bet.metadata());
        } else if (request instanceof WinRequest win) {
            putRoundLeg(body, win.roundId(), win.closesRound(), win.metadata());
        } else if (request instanceof RollbackRequest rollback) {
            body.put("originalReference", rollback.originalReference().value());
        }
        if (event instanceof RolledBack rolledBack && rolledBack.effect() instanceof RollbackEffect.NothingToRollBack nothing) {
            body.put("originalOutcome", nothing.originalOutcome().wireName());
        }
    }

    private static void putRoundLeg(Map<String, Object> body, RoundId roundId, boolean closesRound, Metadata metadata) {
        body.put("roundId", roundId.value());
        body.put("closesRound", closesRound);
        body.put("metadata", metadata.entries());
    }

    private static long requestedCents(WalletRequest request) {
        if (request instanceof FundsRequest funds) {
            return funds.amount().cents();
        }
        if (request instanceof BetRequest bet) {
            return bet.amount().cents();
        }
        return request instanceof WinRequest win ? win.amount().cents() : 0;
    }
}
