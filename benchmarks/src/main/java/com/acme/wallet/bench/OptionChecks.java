package com.acme.wallet.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks of the commands' options, refused as usage errors (exit status 2, with the usage).
 * Benchmark traffic stays on this machine, so every address a command talks to must be loopback.
 */
final class OptionChecks {

    private static final int MAX_PORT = 65_535;

    private OptionChecks() {}

    /**
     * Checks a port to listen on.
     *
     * @param spec the command, for the message
     * @param port the port; 0 means any free one
     * @throws CommandLine.ParameterException if the port is out of range
     */
    static void requirePort(CommandSpec spec, int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--port must be 0 to " + MAX_PORT + ", not " + port);
        }
    }

    /**
     * Checks that a URL names one loopback host, such as {@code 127.0.0.1} or {@code localhost}.
     *
     * @param spec the command, for the message
     * @param option the option the URL came from
     * @param url the URL
     * @throws CommandLine.ParameterException if it is no URL, or names another host, several or none
     */
    static void requireLoopback(CommandSpec spec, String option, String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException malformed) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " is not a URL: " + url);
        }
        if (host == null || !isLoopback(host)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option
                    + " must name one loopback host (127.0.0.1, localhost), not " + url
                    + ": benchmark traffic stays on this machine");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException unknown) {
            return false;
        }
    }
}
