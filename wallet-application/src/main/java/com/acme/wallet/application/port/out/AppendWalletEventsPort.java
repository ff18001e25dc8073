package com.acme.wallet.application.port.out;

import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.domain.WalletEvent;
import java.util.concurrent.CompletionStage;

/**
 * Appends wallet events to the durable log, the single source of truth for every balance.
 *
 * <h2>Contract an implementation must keep</h2>
 * <ul>
 *   <li>The returned stage completes normally, with the event's position, only once the event is
 *       durable: a crash of this process, or of any one machine of the log, cannot lose it any more.
 *   <li>It completes exceptionally when the outcome is <em>unknown</em> (a timeout, a broken
 *       connection, a full queue after the event may have left): the event may or may not be in
 *       the log, and it may still land there later. Callers never report such an event as a
 *       success; they append a {@linkplain #appendBarrier barrier} and read the log up to it to
 *       learn the truth.
 *   <li>It completes, one way or the other, within a bounded time the implementation states.
 *   <li>Events appended in order by one caller are stored in that order; an event appended after
 *       another one was confirmed lies after it in the log.
 *   <li>{@code append} itself does not block; it may be called while the caller holds a lock.
 * </ul>
 */
public interface AppendWalletEventsPort {

    /**
     * Starts appending an event.
     *
     * @param event the event to make durable
     * @return a stage that completes with the event's position when it is durable, or exceptionally
     *     when its outcome is unknown
     */
    CompletionStage<LogPosition> append(WalletEvent event);

    /**
     * Starts appending an event that a caller asked for, as {@link #append(WalletEvent)} does. A log
     * that keeps metadata beside each entry records the caller there, as the audit trail of who
     * changed what; the caller is not part of the event, and a log that keeps no metadata ignores it.
     *
     * @param event the event to make durable
     * @param caller who asked for the change
     * @return a stage that completes with the event's position when it is durable, or
     *     exceptionally when its outcome is unknown
     */
    default CompletionStage<LogPosition> append(WalletEvent event, Caller caller) {
        return append(event);
    }

    /**
     * Appends a barrier: a log entry that is no wallet event and orders everything before it.
     *
     * <p>Once the barrier is confirmed, every event appended through this log before the call (and
     * every event of a writer that was fenced off before this one took the log) is either in the
     * log before the barrier or will never be in it. Reading the log up to the barrier therefore
     * tells the final outcome of every earlier append, including those that failed with an unknown
     * outcome. Readers skip barriers.
     *
     * @return a stage that completes with the barrier's position once it is durable, or
     *     exceptionally if that is not known within the implementation's bound
     */
    CompletionStage<LogPosition> appendBarrier();
}
