package com.acme.wallet.application.port.out;

import java.util.List;

/**
 * Read-only questions about the stored ledger that find money lost or invented: each answer lists
 * the rows that break one of the ledger's rules, and is empty while the rule holds.
 *
 * <p>Each question sees committed data only. Implementations throw an unchecked exception when the
 * store cannot be asked; the caller then concludes nothing.
 */
public interface AuditStoredLedgerPort {

    /** The largest {@code limit} any question accepts: bounded, even for a badly broken store. */
    int MAX_LIMIT = 100_000;

    /** {@return how many transactions are stored, openings included} */
    long transactionCount();

    /**
     * Finds wallets whose stored balance differs from the sum of their transactions: of how each
     * moved the balance, whatever its kind and outcome (a refusal or a tombstone moves nothing).
     *
     * @param limit the most to return, 1 to {@value #MAX_LIMIT}
     * @return up to {@code limit} of them, by wallet id
     */
    List<BalanceDisagreement> balancesDisagreeingWithTransactions(int limit);

    /**
     * Finds wallets with a balance below zero.
     *
     * @param limit the most to return, 1 to {@value #MAX_LIMIT}
     * @return up to {@code limit} of them, by wallet id
     */
    List<StoredBalance> negativeBalances(int limit);

    /**
     * Finds wallets whose last sequence is not the last of their transactions; a gap is not one
     * (see {@link SequenceDisagreement}).
     *
     * @param limit the most to return, 1 to {@value #MAX_LIMIT}
     * @return up to {@code limit} of them, by wallet id
     */
    List<SequenceDisagreement> sequencesDisagreeing(int limit);

    /**
     * Finds transactions whose balance after is not the running sum of their wallet's transactions,
     * in sequence order, each counted by how it moved the balance.
     *
     * @param limit the most to return, 1 to {@value #MAX_LIMIT}
     * @return up to {@code limit} of them, by wallet id and sequence
     */
    List<RunningSumDisagreement> runningSumsDisagreeing(int limit);

    /**
     * Finds references stored more than once for a wallet: each reference has exactly one final
     * outcome, applied, refused or a tombstone.
     *
     * @param limit the most to return, 1 to {@value #MAX_LIMIT}
     * @return up to {@code limit} of them, by wallet id and reference
     */
    List<RepeatedReference> repeatedReferences(int limit);

    /**
     * Finds event ids stored in more than one transaction.
     *
     * @param limit the most to return, 1 to {@value #MAX_LIMIT}
     * @return up to {@code limit} of them, by event id
     */
    List<RepeatedEventId> repeatedEventIds(int limit);

    /**
     * Finds references stored in a wallet that holds a tombstone for them, in whichever order.
     *
     * @param limit the most to return, 1 to {@value #MAX_LIMIT}
     * @return up to {@code limit} of them, by wallet id, reference and the stored row's sequence
     */
    List<TombstonedReferenceStored> tombstonedReferencesStored(int limit);

    /**
     * Finds originals rolled back more than once in a wallet, refused rollbacks left out.
     *
     * @param limit the most to return, 1 to {@value #MAX_LIMIT}
     * @return up to {@code limit} of them, by wallet id and original reference
     */
    List<RepeatedRollback> repeatedRollbacks(int limit);

    /**
     * Finds rollbacks, refused ones and tombstones left out, that do not match the original they name.
     *
     * @param limit the most to return, 1 to {@value #MAX_LIMIT}
     * @return up to {@code limit} of them, by wallet id and sequence
     */
    List<UnmatchedRollback> unmatchedRollbacks(int limit);

    /**
     * Finds legs of rounds that break the round's rules.
     *
     * @param limit the most to return, 1 to {@value #MAX_LIMIT}
     * @return up to {@code limit} of them, by wallet id, round and sequence
     */
    List<RoundRuleBroken> roundRulesBroken(int limit);

    /**
     * Finds refusals and tombstones that moved money, and refusals whose shown balance is impossible.
     *
     * @param limit the most to return, 1 to {@value #MAX_LIMIT}
     * @return up to {@code limit} of them, by wallet id and sequence
     */
    List<RefusalDisagreement> refusalsDisagreeing(int limit);
}
