package com.acme.wallet.domain.port;

import com.acme.wallet.domain.WalletEvent;
import java.util.concurrent.CompletionStage;

/**
 * Appends wallet events to the durable log, the single source of truth for every balance.
 *
 * <h2>Contract an implementation must keep</h2>
 * <ul>
 *   <li>The returned stage completes normally only once the event is durable: a crash of this
 *       process, or of any one machine of the log, cannot lose it any more.
 *   <li>It completes exceptionally when the outcome is <em>unknown</em> (a timeout, a broken
 *       connection, a full queue after the event may have left): the event may or may not be in
 *       the log. Callers never report such an event as a success; they read the log back to learn
 *       the truth.
 *   <li>It completes, one way or the other, within a bounded time the implementation states.
 *   <li>Events of one wallet appended in order by one caller are stored in that order.
 *   <li>{@code append} itself does not block; it may be called while the caller holds a lock.
 * </ul>
 */
public interface AppendWalletEventsPort {

    /**
     * Starts appending an event.
     *
     * @param event the event to make durable
     * @return a stage that completes when the event is durable, or exceptionally when its outcome
     *     is unknown
     */
    CompletionStage<Void> append(WalletEvent event);
}
