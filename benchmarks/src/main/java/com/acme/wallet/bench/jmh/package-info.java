/**
 * JMH microbenchmarks of the service's hot path: reading a change's JSON and writing its reply, the
 * wallet's decision, and encoding the event for Pulsar. Run them with {@code org.openjdk.jmh.Main}
 * from {@code benchmarks.jar}; see the module's README.
 */
package com.acme.wallet.bench.jmh;
