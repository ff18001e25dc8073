/**
 * The durable event log on Apache Pulsar: appends wallet events and reads them back. Not built yet: the REST API runs on the in-memory log meanwhile.
 */
package com.acme.wallet.adapter.pulsar;
