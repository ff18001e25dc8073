/**
 * The money-conservation check: the event log against the stored ledger once the batch consumer
 * has caught up, the stored ledger against its own rules, and the REST API's balances against the
 * stored ones. It only reads, through outbound ports; the {@code check} subcommand of the batch
 * consumer wires it to PostgreSQL, Pulsar and the REST API.
 */
package com.acme.wallet.application.check;
