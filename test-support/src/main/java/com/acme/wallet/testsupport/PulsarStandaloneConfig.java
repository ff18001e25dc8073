package com.acme.wallet.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A broker's {@code standalone.conf}: the distribution's own with some keys set. Standalone reads
 * both the broker's and its embedded bookie's settings from this one file.
 */
public final class PulsarStandaloneConfig {

    private PulsarStandaloneConfig() {}

    /**
     * The distribution's {@code conf/standalone.conf} with each key of {@code overrides} set: a key
     * the file sets is replaced where it stands, one it does not is appended.
     *
     * @param distributionConfig the distribution's {@code conf/standalone.conf} lines
     * @param header comment lines put first (each should start with {@code #})
     * @param overrides keys and values, in the order new keys are appended
     * @return the lines of the new file
     */
    public static List<String> withOverrides(List<String> distributionConfig, List<String> header,
            Map<String, String> overrides) {
        Map<String, String> remaining = new LinkedHashMap<>(overrides);
        List<String> lines = new ArrayList<>(header);
        for (String line : distributionConfig) {
            String key = line.contains("=") && !line.startsWith("#") ? line.substring(0, line.indexOf('=')).trim() : "";
            lines.add(remaining.containsKey(key) ? key + "=" + remaining.remove(key) : line);
        }
        remaining.forEach((key, value) -> lines.add(key + "=" + value));
        return lines;
    }

    /**
     * Writes {@link #withOverrides} of the distribution in {@code home} to {@code target}, through a
     * temporary file beside it, so that a reader never sees half a file.
     *
     * @param home the distribution's home
     * @param header comment lines put first
     * @param overrides keys and values
     * @param target the file to write
     * @return {@code target}
     * @throws IOException if the distribution's file cannot be read or the target written
     */
    public static Path write(Path home, List<String> header, Map<String, String> overrides, Path target)
            throws IOException {
        List<String> lines = withOverrides(
                Files.readAllLines(home.resolve("conf/standalone.conf"), StandardCharsets.UTF_8), header, overrides);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path scratch = target.resolveSibling(target.getFileName() + ".new");
        Files.write(scratch, lines, StandardCharsets.UTF_8);
        Files.move(scratch, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
