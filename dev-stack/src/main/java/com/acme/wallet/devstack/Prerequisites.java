package com.acme.wallet.devstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the machine lacks for {@code up}, reported together with the Debian packages that bring it. */
final class Prerequisites {

    private record Missing(String what, String debianPackage) {}

    private final List<Missing> missing = new ArrayList<>();

    void needCommand(String command, String debianPackage) {
        if (!onPath(command)) {
            need(command, debianPackage);
        }
    }

    void need(String what, String debianPackage) {
        missing.add(new Missing(what, debianPackage));
    }

    boolean complete() {
        return missing.isEmpty();
    }

    /** {@return the report, as ./wallet printed it, or "" when nothing is missing} */
    String report() {
        if (missing.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("wallet: missing prerequisites:\n");
        Set<String> packages = new LinkedHashSet<>();
        for (Missing item : missing) {
            text.append("  - ").append(item.what()).append("  (Debian package: ").append(item.debianPackage()).append(")\n");
            packages.add(item.debianPackage());
        }
        return text.append("Install them, e.g.: apt-get install -y ").append(String.join(" ", packages)).append('\n')
                .toString();
    }

    /** {@return whether an executable named {@code command} is on the PATH} */
    static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
