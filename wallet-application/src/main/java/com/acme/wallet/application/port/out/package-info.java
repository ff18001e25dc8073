/**
 * Outbound ports: what the application needs from the outside world, named by capability, and
 * the values that travel through them (log positions, logged events, persisted batches).
 * Adapters (Pulsar, PostgreSQL, in-memory) implement them; the use cases never see which. They
 * live here, not in {@code wallet-domain}, so that a service embedding the domain sees money only.
 */
package com.acme.wallet.application.port.out;
