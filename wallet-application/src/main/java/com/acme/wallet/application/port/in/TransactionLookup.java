package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/** What a lookup of a change by its reference found. */
public sealed interface TransactionLookup {

    /**
     * The change is durable.
     *
     * @param change the change as it was applied, with the balance it left behind
     */
    record Found(AppliedChange change) implements TransactionLookup {
        /** Validates the result. */
        public Found {
            Objects.requireNonNull(change, "change");
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
