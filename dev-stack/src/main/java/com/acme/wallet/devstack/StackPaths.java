package com.acme.wallet.devstack;

import java.nio.file.Path;

/**
 * Where everything lives, under the checkout's root: state in {@code ./data}, surviving {@code down}.
 *
 * @param root the checkout (where {@code ./wallet} is)
 * @param data {@code ./data}
 */
record StackPaths(Path root, Path data) {

    static StackPaths of(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        return new StackPaths(absolute, absolute.resolve("data"));
    }

    /** {@return pid files, the lock and {@code stack.env}} */
    Path run() {
        return data.resolve("run");
    }

    Path logs() {
        return data.resolve("logs");
    }

    Path log(String component) {
        return logs().resolve(component + ".log");
    }

    /** {@return what {@code up} decided, read by {@code down} and {@code status}} */
    Path stackEnv() {
        return run().resolve("stack.env");
    }

    Path restApiJar() {
        return root.resolve("app-rest-api/target/app-rest-api.jar");
    }

    Path batchConsumerJar() {
        return root.resolve("app-batch-consumer/target/app-batch-consumer.jar");
    }

    Path composeFile() {
        return root.resolve("docker-compose.yml");
    }

    /** {@return where the Pulsar distribution is unpacked once} */
    Path pulsarDistributions() {
        return data.resolve("pulsar-dist");
    }

    /** {@return the broker's data: metadata, ledgers, its configuration and logs} */
    Path pulsarData() {
        return data.resolve("pulsar");
    }

    Path pulsarConfig() {
        return pulsarData().resolve("conf/standalone.conf");
    }

    Path postgresData() {
        return data.resolve("postgres");
    }

    /** {@return the path as ./wallet shows it: relative to the root when under it} */
    String show(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }
}
