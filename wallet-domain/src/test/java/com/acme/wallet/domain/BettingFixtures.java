package com.acme.wallet.domain;

import static com.acme.wallet.domain.WalletFixtures.eventOf;
import static com.acme.wallet.domain.WalletFixtures.outcomeOf;
import static com.acme.wallet.domain.WalletFixtures.ref;
import static com.acme.wallet.domain.WalletFixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests and one-step helpers for tests of bets, wins and rollbacks. */
final class BettingFixtures {

    private BettingFixtures() {}

    static BetRequest bet(String reference, String round, long cents) {
        return new BetRequest(ref(reference), RoundId.of(round), Amount.ofCents(cents), false, Metadata.NONE);
    }

    static BetRequest closingBet(String reference, String round, long cents) {
        return new BetRequest(ref(reference), RoundId.of(round), Amount.ofCents(cents), true, Metadata.NONE);
    }

    static WinRequest win(String reference, String round, long cents) {
        return new WinRequest(ref(reference), RoundId.of(round), Amount.ofCents(cents), false, Metadata.NONE);
    }

    static WinRequest closingWin(String reference, String round, long cents) {
        return new WinRequest(ref(reference), RoundId.of(round), Amount.ofCents(cents), true, Metadata.NONE);
    }

    static RollbackRequest rollback(String reference, String original) {
        return new RollbackRequest(ref(reference), ref(original));
    }

    /** Decides a request that must be appended, and returns its event, then in flight. */
    static ReferencedEvent inFlight(Wallet wallet, BettingRequest request) {
        return (ReferencedEvent) eventOf(wallet.decideBetting(request, stamp()));
    }

    /** Decides a request that must be appended, confirms it, and returns its entry. */
    static LedgerEntry record(Wallet wallet, BettingRequest request) {
        ReferencedEvent event = inFlight(wallet, request);
        wallet.confirm(event);
        return wallet.entry(request.reference()).orElseThrow();
    }

    /** Records a request that must be refused, and returns the refusal. */
    static RequestRefused refused(Wallet wallet, BettingRequest request) {
        LedgerEntry entry = record(wallet, request);
        assertThat(entry.event()).isInstanceOf(RequestRefused.class);
        return (RequestRefused) entry.event();
    }

    /** {@return the outcome of a request that must be settled at once} */
    static BettingOutcome settled(Wallet wallet, BettingRequest request) {
        return outcomeOf(wallet.decideBetting(request, stamp()));
    }
}
