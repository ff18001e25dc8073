package com.acme.wallet.bench;

import com.acme.wallet.domain.FundsOperation;

/**
 * The body of an accepted change, shaped like the service's {@code Bodies.ChangeResponse}:
 * {@code {"success":true,"msg":"Created","userId":"andrei","reference":"wonbet-1","amount":10,"balance":0}}.
 *
 * @param success always true: only accepted changes have this body
 * @param msg {@code Created} for an add, {@code Removed} for a remove
 * @param userId the wallet
 * @param reference the client's reference
 * @param amount how much moved, in cents
 * @param balance the balance after the change, in cents
 */
public record ChangeReply(boolean success, String msg, String userId, String reference, long amount, long balance) {

    /**
     * The reply to an accepted request.
     *
     * @param request the request
     * @param balanceCents the balance to report; the ceilings hold no state and report 0
     * @return the reply
     */
    public static ChangeReply accepted(ChangeRequest request, long balanceCents) {
        boolean added = request.operation() == FundsOperation.ADD;
        return new ChangeReply(true, added ? "Created" : "Removed", request.walletId().value(),
                request.reference().value(), request.amount().cents(), balanceCents);
    }
}
