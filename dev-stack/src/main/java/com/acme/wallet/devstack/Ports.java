package com.acme.wallet.devstack;

import com.acme.wallet.testsupport.Processes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loopback ports: whether something listens, and who. */
final class Ports {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final Pattern SS_USER = Pattern.compile("users:\\(\\(\"([^\"]*)\",pid=([0-9]+)");

    private Ports() {}

    /** {@return whether something accepts TCP connections on 127.0.0.1:port} */
    static boolean open(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** {@return " (java, pid 123: /usr/bin/java -jar ...)" when {@code ss} can tell, else ""} */
    static String owner(int port) {
        try {
            String output = Processes.run(List.of("ss", "-Hltnp", "sport = :" + port), Duration.ofSeconds(5));
            Matcher matcher = SS_USER.matcher(output);
            if (!matcher.find()) {
                return "";
            }
            String commandLine = ManagedProcesses.commandLine(Long.parseLong(matcher.group(2))).strip();
            return " (" + matcher.group(1) + ", pid " + matcher.group(2) + ": "
                    + commandLine.substring(0, Math.min(100, commandLine.length())) + ")";
        } catch (IOException noSs) {
            return "";
        }
    }
}
