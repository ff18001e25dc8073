/**
 * PostgreSQL persistence: the batch consumer's exactly-once store ({@link
 * com.acme.wallet.adapter.postgres.JdbiEventStore}), the REST API's startup snapshot ({@link
 * com.acme.wallet.adapter.postgres.JdbiWalletSnapshots}) and read-only ledger checks ({@link
 * com.acme.wallet.adapter.postgres.JdbiLedgerQueries}), over one {@link
 * com.acme.wallet.adapter.postgres.PostgresDatabase} (HikariCP, Flyway, Jdbi).
 *
 * <p>The schema lives in {@code db/migration}. Balances are only ever computed by applying
 * events; the database's constraints repeat the money rules so that no path can store a negative
 * balance or a reference twice.
 */
package com.acme.wallet.adapter.postgres;
