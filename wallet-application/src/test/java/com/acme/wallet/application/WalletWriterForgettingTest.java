package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.port.in.FindTransactionQuery;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.TransactionLookup;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger keeps a window of each wallet's latest changes in memory and forgets older ones once
 * the store holds them; a reference it forgot is answered from the store, so a retry replays
 * whenever it comes, and a store that cannot answer gets "retry later", never a second charge.
 */
class WalletWriterForgettingTest {

    private static final WalletId ALICE = wallet("alice");
    private static final int WINDOW = 2;

    private final ScriptedEventLog log = new ScriptedEventLog().seedOpening(ALICE, 1_000);
    private final InMemoryStore store = new InMemoryStore().holdOpening(ALICE);
    private final Ledger ledger = aLedger().over(log).storingIn(store, WINDOW).started();

    @AfterEach
    void stop() {
        ledger.close();
        log.close();
    }

    @Test
    void changes_the_store_holds_beyond_the_window_are_forgotten_and_a_retry_of_one_still_replays() {
        List<AppliedChange> applied = creditsStored("deposit-", 5);
        Await.until("three of five changes forgotten", () -> store.forgotten().size() == 3);

        ChangeOutcome retry = Await.result(ledger.addFunds(change(ALICE, 10, "deposit-1")));

        assertThat(store.forgotten()).extracting(AppliedChange::reference)
                .containsExactly(Reference.of("deposit-1"), Reference.of("deposit-2"), Reference.of("deposit-3"));
        assertThat(retry).isEqualTo(new ChangeOutcome.Replayed(applied.get(0)));
        assertThat(store.recalls()).isEqualTo(1);
        assertThat(balance()).isEqualTo(1_050);
    }

    @Test
    void another_request_with_a_forgotten_reference_conflicts() {
        creditsStored("deposit-", 5);
        Await.until("forgotten", () -> store.forgotten().size() == 3);

        ChangeOutcome other = Await.result(ledger.removeFunds(change(ALICE, 10, "deposit-1")));

        assertThat(other).isEqualTo(new ChangeOutcome.ReferenceConflict(ALICE, Reference.of("deposit-1")));
        assertThat(balance()).isEqualTo(1_050);
    }

    @Test
    void a_change_the_store_does_not_hold_yet_is_never_forgotten() {
        List<AppliedChange> applied = creditsStored("deposit-", 2);
        Await.result(ledger.addFunds(change(ALICE, 10, "not-stored-1")));
        Await.result(ledger.addFunds(change(ALICE, 10, "not-stored-2")));
        Await.result(ledger.addFunds(change(ALICE, 10, "not-stored-3")));
        Await.until("the stored changes forgotten", () -> store.forgotten().size() == 2);

        assertThat(store.forgotten()).containsExactlyElementsOf(applied);
        ChangeOutcome retry = Await.result(ledger.addFunds(change(ALICE, 10, "not-stored-1")));
        assertThat(retry).isInstanceOf(ChangeOutcome.Replayed.class);
        assertThat(store.recalls()).isZero();
    }

    @Test
    void a_new_reference_on_a_wallet_that_forgot_is_looked_up_once_then_applied() {
        creditsStored("deposit-", 3);
        Await.until("forgotten", () -> store.forgotten().size() == 1);

        ChangeOutcome outcome = Await.result(ledger.addFunds(change(ALICE, 10, "new-1")));

        assertThat(outcome).isInstanceOf(ChangeOutcome.Accepted.class);
        assertThat(store.recalls()).isEqualTo(1);
        assertThat(balance()).isEqualTo(1_040);
    }

    @Test
    void while_the_store_is_unreachable_a_reference_the_wallet_may_have_forgotten_gets_retry_later() {
        creditsStored("deposit-", 3);
        Await.until("forgotten", () -> store.forgotten().size() == 1);
        store.reachable(false);

        Throwable retry = Await.failure(ledger.addFunds(change(ALICE, 10, "deposit-1")));
        Throwable fresh = Await.failure(ledger.addFunds(change(ALICE, 10, "new-1")));

        assertThat(retry).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(fresh).isInstanceOf(TemporarilyUnavailableException.class);
        assertThatThrownBy(() -> lookup("deposit-1")).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(balance()).isEqualTo(1_030);
        assertThat(ledger.readyForWrites()).isTrue();

        store.reachable(true);
        assertThat(Await.result(ledger.addFunds(change(ALICE, 10, "deposit-1")))).isInstanceOf(ChangeOutcome.Replayed.class);
        assertThat(balance()).isEqualTo(1_030);
    }

    @Test
    void a_change_forgotten_while_its_reference_was_being_looked_up_is_not_applied_twice() {
        creditsStored("deposit-", 3);
        Await.until("forgotten", () -> store.forgotten().size() == 1);
        AtomicReference<CompletionStage<ChangeOutcome>> first = new AtomicReference<>();
        // The first request's lookup answers "not stored"; meanwhile the same reference is applied
        // by a second request, stored, and forgotten, before the first one decides.
        store.duringNextRecall(() -> {
            AppliedChange applied = accepted(Await.result(ledger.addFunds(change(ALICE, 10, "race-1"))));
            creditsStored("after-race-", 2);
            store.hold(applied);
            Await.until("race-1 forgotten", () -> store.forgotten().stream()
                    .anyMatch(change -> change.reference().equals(Reference.of("race-1"))));
        });

        first.set(ledger.addFunds(change(ALICE, 10, "race-1")));

        assertThat(Await.result(first.get())).isInstanceOf(ChangeOutcome.Replayed.class);
        assertThat(balance()).isEqualTo(1_000 + 3 * 10 + 10 + 2 * 10);
    }

    @Test
    void a_lookup_of_a_forgotten_reference_is_answered_from_the_store() {
        List<AppliedChange> applied = creditsStored("deposit-", 3);
        Await.until("forgotten", () -> store.forgotten().size() == 1);

        assertThat(lookup("deposit-1")).isEqualTo(new TransactionLookup.Found(applied.get(0).entry()));
        assertThat(lookup("never")).isEqualTo(new TransactionLookup.TransactionNotFound(ALICE, Reference.of("never")));
        assertThat(lookup("deposit-3")).isEqualTo(new TransactionLookup.Found(applied.get(2).entry()));
        assertThat(store.recalls()).isEqualTo(2);
    }

    @Test
    void a_store_behind_what_the_wallet_forgot_gets_retry_later_not_a_second_charge() {
        creditsStored("deposit-", 3);
        Await.until("forgotten", () -> store.forgotten().size() == 1);
        // Restored from an older copy: it no longer holds deposit-1, which the wallet forgot.
        store.restoreTo(ALICE, 1);

        assertThat(Await.failure(ledger.addFunds(change(ALICE, 10, "deposit-1"))))
                .isInstanceOf(TemporarilyUnavailableException.class);
        assertThatThrownBy(() -> lookup("deposit-1")).isInstanceOf(TemporarilyUnavailableException.class);
        assertThatThrownBy(() -> lookup("never")).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(balance()).isEqualTo(1_030);
    }

    private List<AppliedChange> creditsStored(String prefix, int count) {
        return creditsStored(ledger, store, prefix, count);
    }

    /** Credits of 10 each, every one stored once it is durable. */
    private static List<AppliedChange> creditsStored(Ledger ledger, InMemoryStore store, String prefix, int count) {
        List<AppliedChange> applied = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            AppliedChange change = accepted(Await.result(ledger.addFunds(change(ALICE, 10, prefix + i))));
            store.hold(change);
            applied.add(change);
        }
        return applied;
    }

    private static AppliedChange accepted(ChangeOutcome outcome) {
        assertThat(outcome).isInstanceOf(ChangeOutcome.Accepted.class);
        return ((ChangeOutcome.Accepted) outcome).change();
    }

    private TransactionLookup lookup(String reference) {
        return ledger.findTransaction(new FindTransactionQuery(ALICE, Reference.of(reference)));
    }

    private long balance() {
        return ledger.find(ALICE).orElseThrow().balanceCents();
    }
}
