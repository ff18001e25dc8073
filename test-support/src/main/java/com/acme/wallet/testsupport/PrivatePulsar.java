package com.acme.wallet.testsupport;

/**
 * A Pulsar broker of one test's own, which the test may stop and start again to play an outage.
 * The {@linkplain TestPulsar shared broker} cannot be used for that: every other test relies on it.
 *
 * <p>It is always the official binary distribution run as {@code bin/pulsar standalone} on free
 * loopback ports (see {@link LocalPulsarStandalone}), also where a Docker engine answers, because a
 * restarted container would come back on other ports. Starting takes 10 to 30 s on a small machine.
 */
public final class PrivatePulsar implements AutoCloseable {

    private final LocalPulsarStandalone standalone;

    private PrivatePulsar(LocalPulsarStandalone standalone) {
        this.standalone = standalone;
    }

    /**
     * Starts a broker and waits until it is ready.
     *
     * @return the running broker; close it to stop it and delete its data
     * @throws IllegalStateException if it cannot be started, with the reason
     */
    public static PrivatePulsar start() {
        return new PrivatePulsar(LocalPulsarStandalone.start());
    }

    /** {@return the broker's binary protocol URL} */
    public String serviceUrl() {
        return standalone.serviceUrl();
    }

    /** {@return the broker's admin (web service) URL} */
    public String adminUrl() {
        return standalone.adminUrl();
    }

    /** Stops the broker (SIGTERM, bounded wait), keeping everything it stored. */
    public void stop() {
        standalone.pause();
    }

    /** Starts a stopped broker again, on the same ports with the same data, and waits until it is ready. */
    public void restart() {
        standalone.resume();
    }

    /**
     * Freezes the broker's JVM with SIGSTOP: connections stay open, nothing answers, and what
     * clients sent meanwhile may still be stored once it is thawed (a "late landing"). Call
     * {@link #thaw()} in a {@code finally}; stopping or closing the broker also thaws it.
     */
    public void freeze() {
        standalone.freeze();
    }

    /** Continues a frozen broker with SIGCONT and waits until it answers; does nothing if it is not frozen. */
    public void thaw() {
        standalone.thaw();
    }

    /**
     * Waits until the broker passes Pulsar's own health check (a heartbeat topic loaded, a message
     * sent and read): "ready" in the sense of the recovery targets, later than {@link #restart()}
     * and {@link #thaw()} return on a loaded machine.
     */
    public void awaitHealthy() {
        standalone.awaitHealthy();
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        standalone.close();
    }
}
