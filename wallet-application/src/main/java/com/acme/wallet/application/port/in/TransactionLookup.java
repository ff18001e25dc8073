package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/** What a lookup of a change by its reference found. */
public sealed interface TransactionLookup {

    /**
     * The reference has a durable outcome: applied, rejected, or a tombstone.
     *
     * @param entry the outcome, with the balance it left behind
     */
    record Found(LedgerEntry entry) implements TransactionLookup {
        /** Validates the result. */
        public Found {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * A rollback named the reference before it arrived: it can never apply.
     *
     * @param walletId the wallet
     * @param reference the reference looked up
     * @param rolledBackBy the rollback that names it
     */
    record RolledBackBefore(WalletId walletId, Reference reference, LedgerEntry rolledBackBy)
            implements TransactionLookup {
        /** Validates the result. */
        public RolledBackBefore {
            Objects.requireNonNull(walletId, "walletId");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(rolledBackBy, "rolledBackBy");
        }
    }

    /**
     * The wallet has no durable change with this reference: it never reached the log, or it is still
     * in flight. A client in doubt retries the change with the same reference.
     *
     * @param walletId the wallet
     * @param reference the reference looked up
     */
    record TransactionNotFound(WalletId walletId, Reference reference) implements TransactionLookup {
        /** Validates the result. */
        public TransactionNotFound {
            Objects.requireNonNull(walletId, "walletId");
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * No open wallet has this id.
     *
     * @param walletId the wallet looked up
     */
    record WalletNotFound(WalletId walletId) implements TransactionLookup {
        /** Validates the result. */
        public WalletNotFound {
            Objects.requireNonNull(walletId, "walletId");
        }
    }
}
