/**
 * The wallet domain: the {@link com.acme.wallet.domain.Wallet} aggregate, its value types, its
 * events and the outcomes of its decisions.
 *
 * <p>Pure Java with no dependency beyond the JDK, so other JVM services can use it as a library.
 * Money is always {@code long} cents; every sum is overflow-checked; broken invariants throw
 * {@link java.lang.IllegalStateException} rather than let wrong money pass. Bad input from outside
 * throws {@link com.acme.wallet.domain.InvalidInputException}. Time and ids are passed in (see
 * {@link com.acme.wallet.domain.EventStamp}); nothing here reads a clock.
 */
package com.acme.wallet.domain;
