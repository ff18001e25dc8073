/**
 * The durable event log on Apache Pulsar: one persistent, non-partitioned topic holds every
 * wallet event as JSON, keyed by wallet id.
 *
 * <ul>
 *   <li>{@link com.acme.wallet.adapter.pulsar.PulsarEventLog} appends, through one exclusive
 *       producer (a second writer is fenced off);
 *   <li>{@link com.acme.wallet.adapter.pulsar.PulsarLogReader} reads the log back from stored
 *       positions to its end, for the REST API's startup and recovery;
 *   <li>{@link com.acme.wallet.adapter.pulsar.PulsarBatchReceiver} receives it in batches through a
 *       durable Failover subscription, for the batch consumer;
 *   <li>{@link com.acme.wallet.adapter.pulsar.PulsarTopicSetup} makes sure the topic, its retention
 *       and the subscription exist.
 * </ul>
 *
 * <p>All of them share one {@link com.acme.wallet.adapter.pulsar.PulsarConnection}. A log
 * position is the topic's full name and the complete serialized Pulsar message id.
 */
package com.acme.wallet.adapter.pulsar;
