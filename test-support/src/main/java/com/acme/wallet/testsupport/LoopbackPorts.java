package com.acme.wallet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback address, for the servers and programs tests start. */
public final class LoopbackPorts {

    private LoopbackPorts() {}

    /**
     * A port nothing listens on at this moment on 127.0.0.1 (another process may still take it
     * before the caller binds it, as with any such probe).
     *
     * @return the port
     * @throws UncheckedIOException if no port can be had
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException("no free loopback port", failure);
        }
    }
}
