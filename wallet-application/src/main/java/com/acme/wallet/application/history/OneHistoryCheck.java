package com.acme.wallet.application.history;

import com.acme.wallet.application.port.out.FindLoggedEventPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReadPersistedHistoryPort;
import com.acme.wallet.application.port.out.UnreadableEventException;
import com.acme.wallet.domain.WalletEvent;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks, before a program builds on both, that the store of persisted events and the durable log
 * are one history: at each partition's last persisted position the log must hold an event, and
 * the store must hold that very event (same id) at its wallet and sequence.
 *
 * <p>The store's positions are where the batch consumer resumes and where the REST API starts
 * reading the log after its snapshot. A position the log does not hold (a replaced or truncated
 * topic, another installation's topic or database) would make either read from somewhere else in
 * silence: the consumer would skip or invent history, the writer would decide on wrong balances.
 * Comparing the event, not only that a message exists there, also catches a topic whose ids
 * happen to exist (another cluster's).
 *
 * <p>Reads only; unavailable infrastructure throws the ports' exceptions, safe to retry.
 */
public final class OneHistoryCheck {

    private final ReadPersistedHistoryPort store;
    private final FindLoggedEventPort log;

    /**
     * Creates the check.
     *
     * @param store the persisted events
     * @param log the durable log
     */
    public OneHistoryCheck(ReadPersistedHistoryPort store, FindLoggedEventPort log) {
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** {@return whether the store and the log agree, with the positions to resume after if they do} */
    public HistoryAgreement check() {
        LogPositions persisted = store.persistedPositions();
        for (LogPosition position : persisted.all()) {
            Optional<String> disagreement = disagreementAt(position);
            if (disagreement.isPresent()) {
                return new HistoryAgreement.Disagrees(position, disagreement.get());
            }
        }
        return new HistoryAgreement.Agrees(persisted);
    }

    private Optional<String> disagreementAt(LogPosition position) {
        Optional<LoggedEvent> logged;
        try {
            logged = log.eventAt(position);
        } catch (UnreadableEventException unreadable) {
            return Optional.of("the topic holds an unreadable message there (" + unreadable.getMessage() + ")");
        }
        if (logged.isEmpty()) {
            return Optional.of("the topic holds no event there (another or a re-created topic, a position past "
                    + "its end, or messages it no longer holds)");
        }
        WalletEvent event = logged.get().event();
        Optional<UUID> persistedId = store.persistedEventId(event.walletId(), event.sequence());
        if (!persistedId.equals(Optional.of(event.eventId()))) {
            return Optional.of("the topic holds event " + event.eventId() + " of wallet " + event.walletId()
                    + " at sequence " + event.sequence() + " there, but PostgreSQL holds "
                    + persistedId.map(id -> "event " + id).orElse("no event") + " at that sequence");
        }
        return Optional.empty();
    }
}
