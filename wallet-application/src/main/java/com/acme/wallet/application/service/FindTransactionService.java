package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.port.in.FindTransactionQuery;
import com.acme.wallet.application.port.in.FindTransactionUseCase;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.TransactionLookup;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Recall;
import com.acme.wallet.domain.Recalled;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the durable outcome of a reference (applied, rejected, a tombstone, or rolled back before
 * it arrived): in the wallet's memory, else, if the wallet may have forgotten it, in the store. "Not found" is an answer only where the outcome is known: a change in
 * flight, or any change of a wallet in doubt, may still turn out durable, and is answered "retry".
 */
public final class FindTransactionService implements FindTransactionUseCase {

    private final WalletWriter writer;

    /**
     * Creates the service.
     *
     * @param writer the single writer of all wallets
     */
    public FindTransactionService(WalletWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public TransactionLookup findTransaction(FindTransactionQuery query) {
        WalletId walletId = query.walletId();
        Reference reference = query.reference();
        InMemory inMemory = writer.readSettled(walletId, wallet -> inMemory(wallet, reference));
        if (inMemory.answer().isPresent()) {
            return inMemory.answer().get();
        }
        Recalled stored = writer.recall(walletId,
                new Recall(Set.of(reference), Optional.empty(), 0, inMemory.forgottenThrough()));
        for (LedgerEntry entry : stored.entries()) {
            if (entry.reference().equals(reference)) {
                return new TransactionLookup.Found(entry);
            }
        }
        for (LedgerEntry entry : stored.entries()) {
            if (entry.event() instanceof RolledBack rollback && rollback.isTombstone()) {
                return new TransactionLookup.RolledBackBefore(walletId, reference, entry);
            }
        }
        if (!stored.covers(inMemory.forgottenThrough())) {
            throw new TemporarilyUnavailableException("the store of older changes is catching up; retry shortly");
        }
        return new TransactionLookup.TransactionNotFound(walletId, reference);
    }

    private static InMemory inMemory(Wallet wallet, Reference reference) {
        if (!wallet.isOpen()) {
            if (wallet.inFlightCount() > 0) {
                throw new TemporarilyUnavailableException("the wallet's opening is being confirmed; retry shortly");
            }
            return InMemory.answered(new TransactionLookup.WalletNotFound(wallet.id()));
        }
        Optional<LedgerEntry> remembered = wallet.entry(reference);
        if (remembered.isPresent()) {
            return InMemory.answered(new TransactionLookup.Found(remembered.get()));
        }
        Optional<LedgerEntry> tombstone = wallet.rollbackOf(reference);
        if (tombstone.isPresent()) {
            return InMemory.answered(new TransactionLookup.RolledBackBefore(wallet.id(), reference, tombstone.get()));
        }
        if (wallet.isInFlight(reference) || wallet.isRollbackInFlight(reference)) {
            throw new TemporarilyUnavailableException("the change is being confirmed; retry shortly");
        }
        if (wallet.forgottenThrough() == 0) {
            return InMemory.answered(new TransactionLookup.TransactionNotFound(wallet.id(), reference));
        }
        return new InMemory(Optional.empty(), wallet.forgottenThrough());
    }

    /**
     * What the wallet's memory says of a reference.
     *
     * @param answer the answer, if memory is enough
     * @param forgottenThrough otherwise, how far the store's answer must cover
     */
    private record InMemory(Optional<TransactionLookup> answer, long forgottenThrough) {

        static InMemory answered(TransactionLookup answer) {
            return new InMemory(Optional.of(answer), 0);
        }
    }
}
