package com.acme.wallet.application;

import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.out.history.HistoryPageRequest;
import com.acme.wallet.application.port.out.history.ReadHistoryPort;
import com.acme.wallet.application.port.out.history.StoredHistory;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletId;
import java.time.Instant;
import java.util.Objects;

/**
 * The stored history, given to the use cases before the database is open, as
 * {@link DeferredStoredChanges} is for the writer's store. Until then every read fails, which the
 * use cases answer "retry later".
 */
public final class DeferredWalletHistory implements ReadHistoryPort {

    private volatile ReadHistoryPort history;

    /** Hands every later read to the history; call once, when the database is open. */
    public void open(ReadHistoryPort opened) {
        history = Objects.requireNonNull(opened, "opened");
    }

    @Override
    public StoredHistory page(WalletId wallet, HistoryPageRequest page) {
        return opened().page(wallet, page);
    }

    @Override
    public StoredHistory entryAt(WalletId wallet, long sequence) {
        return opened().entryAt(wallet, sequence);
    }

    @Override
    public StoredHistory lastEntryAt(WalletId wallet, Instant at) {
        return opened().lastEntryAt(wallet, at);
    }

    @Override
    public StoredHistory round(WalletId wallet, RoundId roundId, int limit) {
        return opened().round(wallet, roundId, limit);
    }

    private ReadHistoryPort opened() {
        ReadHistoryPort current = history;
        if (current == null) {
            throw new TemporarilyUnavailableException("the stored history is not open yet; retry shortly");
        }
        return current;
    }
}
