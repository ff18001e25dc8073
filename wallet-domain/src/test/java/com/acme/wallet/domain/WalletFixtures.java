package com.acme.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test data for the wallet domain: fixed ids and time, counter-based event ids, a builder for
 * wallets in a known durable state and builders for hand-made log events.
 *
 * <p>Wallets are built through the real {@code decideOpen}/{@code decideChange}/{@code confirm}
 * path, so a test starts from a state the aggregate itself could have reached.
 */
final class WalletFixtures {

    /** The time every stamp carries; the domain never reads a clock, so tests need not either. */
    static final Instant FIXED_TIME = Instant.parse("2025-01-01T12:00:00Z");

    static final WalletId PLAYER = WalletId.of("player-1");
    static final WalletId OTHER_PLAYER = WalletId.of("player-2");

    // Counter-based ids are unique within the run and readable in failure messages (…-000000000007).
    private static final AtomicLong EVENT_COUNTER = new AtomicLong();

    private WalletFixtures() {
    }

    static EventStamp stamp() {
        return new EventStamp(new UUID(0, EVENT_COUNTER.incrementAndGet()), FIXED_TIME);
    }

    static Reference ref(String value) {
        return Reference.of(value);
    }

    static Amount cents(long cents) {
        return Amount.positive(cents);
    }

    /** {@return a builder of the default player's wallet, opened with zero} */
    static WalletBuilder aWallet() {
        return new WalletBuilder();
    }

    static Decision<ChangeOutcome> decideCredit(Wallet wallet, long amountCents, String reference) {
        return wallet.decideChange(FundsOperation.ADD, cents(amountCents), ref(reference), stamp());
    }

    static Decision<ChangeOutcome> decideDebit(Wallet wallet, long amountCents, String reference) {
        return wallet.decideChange(FundsOperation.REMOVE, cents(amountCents), ref(reference), stamp());
    }

    /** Decides a credit that must be accepted and returns its event, which is then in flight. */
    static FundsChanged creditInFlight(Wallet wallet, long amountCents, String reference) {
        return (FundsChanged) eventOf(decideCredit(wallet, amountCents, reference));
    }

    /** Decides a debit that must be accepted and returns its event, which is then in flight. */
    static FundsChanged debitInFlight(Wallet wallet, long amountCents, String reference) {
        return (FundsChanged) eventOf(decideDebit(wallet, amountCents, reference));
    }

    /** Decides and confirms a credit that must be accepted; returns the balance after it. */
    static long credit(Wallet wallet, long amountCents, String reference) {
        return wallet.confirm(creditInFlight(wallet, amountCents, reference));
    }

    /** Decides and confirms a debit that must be accepted; returns the balance after it. */
    static long debit(Wallet wallet, long amountCents, String reference) {
        return wallet.confirm(debitInFlight(wallet, amountCents, reference));
    }

    /** {@return the event of a decision that must be an append} */
    static WalletEvent eventOf(Decision<?> decision) {
        assertThat(decision).isInstanceOf(Decision.Append.class);
        return ((Decision.Append<?>) decision).event();
    }

    /**
     * Asserts that a decision records a refusal for a reason of money, and returns it, then in flight.
     *
     * @param balanceCents the balance the refusal shows: what the wallet could spend
     */
    static RequestRefused assertRefused(Decision<?> decision, RefusalCode code, long balanceCents) {
        RequestRefused refusal = assertRefused(decision, code);
        assertThat(refusal.balanceCents()).as("balance shown by %s", refusal).isEqualTo(balanceCents);
        return refusal;
    }

    /** Asserts that a decision records a refusal with this code, and returns it, then in flight. */
    static RequestRefused assertRefused(Decision<?> decision, RefusalCode code) {
        assertThat(eventOf(decision)).isInstanceOf(RequestRefused.class);
        RequestRefused refusal = (RequestRefused) eventOf(decision);
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.balanceDeltaCents()).isZero();
        return refusal;
    }

    /** {@return the outcome of a decision that must be settled at once} */
    static <O> O outcomeOf(Decision<O> decision) {
        assertThat(decision).isInstanceOf(Decision.Settled.class);
        return ((Decision.Settled<O>) decision).outcome();
    }

    static WalletOpened openedEvent(WalletId walletId, long openingCents) {
        return new WalletOpened(stamp().eventId(), walletId, WalletEvent.FIRST_SEQUENCE,
                Amount.ofCents(openingCents), FIXED_TIME);
    }

    static FundsChanged creditEvent(WalletId walletId, long sequence, long amountCents, String reference) {
        return changeEvent(walletId, sequence, FundsOperation.ADD, amountCents, reference);
    }

    static FundsChanged debitEvent(WalletId walletId, long sequence, long amountCents, String reference) {
        return changeEvent(walletId, sequence, FundsOperation.REMOVE, amountCents, reference);
    }

    static FundsChanged changeEvent(WalletId walletId, long sequence, FundsOperation operation, long amountCents,
            String reference) {
        return new FundsChanged(stamp().eventId(), walletId, sequence, operation, cents(amountCents),
                ref(reference), FIXED_TIME);
    }

    /** A change as a snapshot would hold it, for {@link Wallet#restore}. */
    static AppliedChange appliedChange(WalletId walletId, String reference, FundsOperation operation,
            long amountCents, long sequence, long balanceAfterCents) {
        return new AppliedChange(eventIdOf(reference), walletId, ref(reference), operation, cents(amountCents),
                sequence, balanceAfterCents, FIXED_TIME);
    }

    /** The id a snapshot's change of this reference was made by, the same in every call. */
    static UUID eventIdOf(String reference) {
        return UUID.nameUUIDFromBytes(reference.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The opening a snapshot of the wallet holds, the same in every call; for {@link Wallet#restore}. */
    static WalletOpened openingOf(WalletId walletId) {
        return new WalletOpened(eventIdOf("opening of " + walletId.value()), walletId, WalletEvent.FIRST_SEQUENCE,
                Amount.ofCents(0), FIXED_TIME);
    }

    /**
     * Builds an open wallet whose every event is durable, and remembers those events so a test can
     * replay the same log.
     */
    static final class WalletBuilder {
        private WalletId walletId = PLAYER;
        private long openingCents;
        private final List<Step> steps = new ArrayList<>();
        private final List<WalletEvent> durableEvents = new ArrayList<>();

        private record Step(FundsOperation operation, long amountCents, String reference) {}

        WalletBuilder withId(WalletId id) {
            this.walletId = id;
            return this;
        }

        WalletBuilder openedWith(long cents) {
            this.openingCents = cents;
            return this;
        }

        WalletBuilder withCredit(long amountCents, String reference) {
            steps.add(new Step(FundsOperation.ADD, amountCents, reference));
            return this;
        }

        WalletBuilder withDebit(long amountCents, String reference) {
            steps.add(new Step(FundsOperation.REMOVE, amountCents, reference));
            return this;
        }

        /** {@return the open wallet with every step confirmed and nothing in flight} */
        Wallet build() {
            durableEvents.clear();
            Wallet wallet = Wallet.unopened(walletId);
            WalletEvent opening = eventOf(wallet.decideOpen(Amount.ofCents(openingCents), stamp()));
            wallet.confirm(opening);
            durableEvents.add(opening);
            for (Step step : steps) {
                WalletEvent event = eventOf(wallet.decideChange(
                        step.operation(), cents(step.amountCents()), ref(step.reference()), stamp()));
                wallet.confirm(event);
                durableEvents.add(event);
            }
            assertThat(wallet.inFlightCount()).isZero();
            return wallet;
        }

        /** {@return the events of the last {@link #build()}, in log order} */
        List<WalletEvent> durableEvents() {
            return List.copyOf(durableEvents);
        }
    }
}
