package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Recall;
import com.acme.wallet.domain.Recalled;
import com.acme.wallet.domain.WalletId;
import java.util.Collection;
import java.util.Map;

/**
 * The store that holds every change persisted from the log, for a writer that keeps only recent
 * changes in memory: it tells the writer when it may forget a change, and answers for the references
 * and rounds the writer has forgotten.
 *
 * <p>Implementations throw an unchecked exception when the store cannot be read; the caller then
 * answers "retry later", never a guess.
 */
public interface StoredChangesPort {

    /**
     * Answers what a wallet asks of the changes it forgot: the stored entries of some references,
     * the stored rollbacks that name them, and a summary of a round's stored legs.
     *
     * @param wallet the wallet
     * @param recall the question; the wallet's changes up to its {@code forgottenThrough} are no
     *     longer in the writer's memory, and were all stored before this call
     * @return the answer, and how far it covers the wallet's changes
     */
    Recalled recall(WalletId wallet, Recall recall);

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
