package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.ReadPersistedHistoryPort;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads PostgreSQL's persisted positions and event ids, for checking at startup that PostgreSQL
 * and the log are one history. Each call is one short read-only query; an unavailable database
 * throws Jdbi's exceptions, safe to retry.
 */
public final class JdbiPersistedHistory implements ReadPersistedHistoryPort {

    private static final String EVENT_ID = "SELECT event_id FROM transactions WHERE wallet_id = :walletId "
            + "AND sequence = :sequence";

    private final Jdbi jdbi;

    /**
     * Creates the reader.
     *
     * @param jdbi the wallet database, migrated
     */
    public JdbiPersistedHistory(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public LogPositions persistedPositions() {
        return jdbi.withHandle(JdbiWalletSnapshots::positions);
    }

    @Override
    public Optional<UUID> persistedEventId(WalletId wallet, long sequence) {
        Objects.requireNonNull(wallet, "wallet");
        return jdbi.withHandle(handle -> handle.createQuery(EVENT_ID)
                .bind("walletId", wallet.value())
                .bind("sequence", sequence)
                .mapTo(UUID.class)
                .findOne());
    }
}
