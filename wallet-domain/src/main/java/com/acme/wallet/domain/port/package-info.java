/**
 * Outbound ports: what the wallet needs from the outside world, named by capability. Adapters
 * (Pulsar, PostgreSQL, in-memory) implement them; the domain and the use cases never see which.
 */
package com.acme.wallet.domain.port;
