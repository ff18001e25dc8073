package com.acme.wallet.devstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Follows log files as {@code tail -F} would: their last lines first, then what is appended. */
final class LogFollower {

    private static final int READ_MAX_BYTES = 1 << 20;

    private final Console console;
    private final Map<Path, Long> positions = new LinkedHashMap<>();
    private Path lastShown;

    LogFollower(Console console, List<Path> logs, int lastLines) {
        this.console = console;
        logs.forEach(log -> positions.put(log, 0L));
        logs.forEach(log -> showLast(log, lastLines));
    }

    private void showLast(Path log, int lines) {
        try {
            byte[] all = Files.readAllBytes(log);
            positions.put(log, (long) all.length);
            List<String> text = new String(all, StandardCharsets.UTF_8).lines().toList();
            header(log);
            text.subList(Math.max(0, text.size() - lines), text.size()).forEach(line -> console.print(line + "\n"));
        } catch (IOException notYet) {
            positions.put(log, 0L);
        }
    }

    /** Prints what was appended to the logs since the last call. */
    void poll() {
        for (Map.Entry<Path, Long> entry : positions.entrySet()) {
            Path log = entry.getKey();
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long length = file.length();
                long from = length < entry.getValue() ? 0 : entry.getValue(); // truncated: start again
                if (length == from) {
                    continue;
                }
                byte[] chunk = new byte[(int) Math.min(READ_MAX_BYTES, length - from)];
                file.seek(from);
                file.readFully(chunk);
                entry.setValue(from + chunk.length);
                header(log);
                console.print(new String(chunk, StandardCharsets.UTF_8));
            } catch (IOException notThere) {
                // A log that does not exist yet is shown once it does.
            }
        }
    }

    private void header(Path log) {
        if (positions.size() > 1 && !log.equals(lastShown)) {
            console.print("\n==> " + log.getFileName() + " <==\n");
        }
        lastShown = log;
    }
}
