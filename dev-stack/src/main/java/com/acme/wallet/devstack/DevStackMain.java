package com.acme.wallet.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The program behind {@code ./wallet up}, {@code down}, {@code status}, {@code soak}, {@code bench}
 * and {@code plot} (see {@code ./wallet help}, whose text is this module's {@code usage.txt}). The
 * checkout's root is the system property {@code wallet.root}, else the working directory.
 *
 * <p>Exit status: 0 success; 1 failure; 2 a wrong command line; 3 {@code status} found something not
 * running; 130 a signal stopped {@code up} while it started things, or stopped a bench.
 */
public final class DevStackMain {

    private DevStackMain() {}

    public static void main(String[] arguments) {
        System.exit(run(arguments, Path.of(System.getProperty("wallet.root", ".")), System.getenv(), Console.system()));
    }

    /**
     * Runs one command.
     *
     * @param arguments the command and its options
     * @param root the checkout
     * @param environment the environment (ports, WALLET_INFRA)
     * @param console where to speak
     * @return the exit status
     */
    static int run(String[] arguments, Path root, Map<String, String> environment, Console console) {
        Stack stack = new Stack(StackPaths.of(root), console);
        String command = arguments.length == 0 ? "help" : arguments[0];
        Object subcommand = switch (command) {
            case "up" -> new UpCommand(stack, environment);
            case "down" -> new DownCommand(stack);
            case "status" -> new StatusCommand(stack);
            case "plot" -> new PlotCommand(stack, environment);
            case "compose" -> compose(stack, java.util.Arrays.copyOfRange(arguments, 1, arguments.length));
            case "soak" -> soak(stack, java.util.Arrays.copyOfRange(arguments, 1, arguments.length));
            case "bench" -> bench(new Stack(stack.paths, console.as("bench")), environment,
                    java.util.Arrays.copyOfRange(arguments, 1, arguments.length));
            case "help", "-h", "--help" -> null;
            default -> {
                console.warn("unknown command: " + command);
                console.printError(usage());
                yield Integer.valueOf(StackFailure.USAGE);
            }
        };
        if (subcommand instanceof Integer status) {
            return status;
        }
        if (subcommand == null) {
            console.print(usage());
            return 0;
        }
        String[] options = java.util.Arrays.copyOfRange(arguments, 1, arguments.length);
        if (java.util.Arrays.asList(options).contains("-h") || java.util.Arrays.asList(options).contains("--help")) {
            console.print(usage());
            return 0;
        }
        CommandLine line = new CommandLine(subcommand)
                .setParameterExceptionHandler((failure, ignored) -> {
                    console.warn(switch (command) {
                        case "up" -> "unknown option for up: " + String.join(" ", failure.getCommandLine()
                                .getUnmatchedArguments());
                        case "plot" -> "plot: " + failure.getMessage() + " (see ./wallet help)";
                        default -> command + " takes no options";
                    });
                    if (command.equals("up")) {
                        console.printError(usage());
                    }
                    return StackFailure.USAGE;
                })
                .setExecutionExceptionHandler((failure, ignoredLine, ignoredResult) -> {
                    if (failure instanceof StackFailure stackFailure) {
                        if (!stackFailure.getMessage().isEmpty()) {
                            console.warn(stackFailure.getMessage());
                        }
                        return stackFailure.exitStatus();
                    }
                    throw failure;
                });
        return line.execute(options);
    }

    /** Runs {@code soak}, whose options are checked with ./wallet's own messages (status 1), not picocli's. */
    private static Integer soak(Stack stack, String[] options) {
        try {
            return new SoakCommand(stack.paths, stack.console).run(java.util.List.of(options));
        } catch (StackFailure failure) {
            stack.console.warn(failure.getMessage());
            return failure.exitStatus();
        } catch (IOException failure) {
            stack.console.warn("soak: " + failure.getMessage());
            return StackFailure.FAILED;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return StackFailure.INTERRUPTED;
        }
    }

    /**
     * Runs {@code bench} or {@code bench --recovery}; their settings come from the environment, and a
     * wrong one ends the command (status 1) before anything starts.
     */
    private static Integer bench(Stack stack, Map<String, String> environment, String[] options) {
        List<String> given = List.of(options);
        if (given.contains("-h") || given.contains("--help")) {
            stack.console.print(usage());
            return 0;
        }
        if (!given.isEmpty() && !given.equals(List.of("--recovery"))) {
            stack.console.warn("usage: ./wallet bench [--recovery] (environment: BENCH_SECONDS, default 30; see"
                    + " ./wallet help)");
            return StackFailure.USAGE;
        }
        try {
            return given.isEmpty() ? new BenchCommand(stack, environment).run()
                    : new RecoveryBenchCommand(stack, environment).run();
        } catch (StackFailure failure) {
            stack.console.warn(failure.getMessage());
            return failure.exitStatus();
        }
    }

    /**
     * Runs {@code docker compose} (or {@code docker-compose}) on docker-compose.yml as project
     * {@code wallet}, with the variables the file needs and ./data prepared for it, its input and
     * output the caller's; it runs as long as the command given does ({@code logs -f} until Ctrl-C).
     *
     * @return its exit status
     */
    private static Integer compose(Stack stack, String[] arguments) {
        boolean up = List.of(arguments).contains("up");
        if (up) {
            // Docker Compose v2 would bind an empty directory in a missing jar's place (and leave it there).
            for (Path jar : List.of(stack.paths.restApiJar(), stack.paths.batchConsumerJar())) {
                if (!java.nio.file.Files.isRegularFile(jar)) {
                    stack.console.warn("compose: " + stack.paths.show(jar) + " is missing: ./mvnw -B package"
                            + " -DskipTests builds it (./wallet does when it is missing)");
                    return StackFailure.FAILED;
                }
            }
        }
        Compose compose = Compose.find(stack.paths).orElse(null);
        if (compose == null) {
            stack.console.warn("compose: neither docker compose nor docker-compose runs here (Debian packages:"
                    + " docker-compose-plugin or docker-compose)");
            return StackFailure.FAILED;
        }
        try {
            if (up) {
                ComposeStart.prepareData(stack.paths);
                stack.console.say("REST API: its callers need the development token in "
                        + stack.paths.show(DevToken.valueFile(stack.paths.data())) + " (every scope)");
            }
            Process process = new ProcessBuilder(compose.command(arguments)).directory(stack.paths.root().toFile())
                    .inheritIO().start();
            return process.waitFor();
        } catch (StackFailure failure) {
            stack.console.warn(failure.getMessage());
            return failure.exitStatus();
        } catch (IOException failure) {
            stack.console.warn("compose: " + failure.getMessage());
            return StackFailure.FAILED;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return StackFailure.INTERRUPTED;
        }
    }

    /** {@return the text of {@code ./wallet help}} */
    static String usage() {
        try (InputStream in = DevStackMain.class.getResourceAsStream("usage.txt")) {
            if (in == null) {
                throw new IllegalStateException("usage.txt is missing from dev-stack");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
