package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.StoredReference;
import com.acme.wallet.domain.WalletId;
import java.util.Collection;
import java.util.Map;

/**
 * The store that holds every change persisted from the log, for a writer that keeps only recent
 * changes in memory: it tells the writer when it may forget a change, and answers for a reference
 * the writer has forgotten.
 *
 * <p>Implementations throw an unchecked exception when the store cannot be read; the caller then
 * answers "retry later", never a guess.
 */
public interface StoredChangesPort {

    /**
     * Looks a reference up among a wallet's stored changes.
     *
     * @param wallet the wallet
     * @param reference the client's reference
     * @param forgottenThrough the wallet's changes up to this sequence are no longer in the writer's
     *     memory, and were all stored before this call
     * @return the stored change, if any, and how far the answer covers the wallet's changes
     */
    StoredReference find(WalletId wallet, Reference reference, long forgottenThrough);

    /**
     * The last stored sequence of each wallet: every change of a wallet up to it is stored.
     *
     * @param wallets the wallets asked about
     * @return the last stored sequence of each of them that the store holds
     */
    Map<WalletId, Long> storedSequences(Collection<WalletId> wallets);

    /**
     * Told, under the wallet's lock, as the writer forgets changes it learnt are stored, so that an
     * index in front of {@link #find} counts them in before the wallet can ask about them.
     *
     * @param wallet the wallet
     * @param entries the entries forgotten; each settles its {@linkplain LedgerEntry#settledReferences references}
     */
    void forgetting(WalletId wallet, Collection<LedgerEntry> entries);
}
