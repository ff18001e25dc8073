package com.acme.wallet.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/RESULTS.md: {@code ./wallet bench} writes all of it but the Recovery section, which
 * belongs to {@code ./wallet bench --recovery} and which each keeps as the other wrote it.
 */
final class ResultsFile {

    static final String RECOVERY_BEGINS = "<!-- recovery: written by ./wallet bench --recovery; ./wallet bench keeps it -->";
    static final String RECOVERY_ENDS = "<!-- /recovery -->";
    /** From a line that opens the section to the line that closes it (older runs worded the opening differently). */
    private static final Pattern RECOVERY = Pattern.compile("(?ms)^<!-- recovery:.*?^<!-- /recovery -->$\\n?");

    private final Path file;

    ResultsFile(Path file) {
        this.file = file;
    }

    /** {@return the file's text, empty if there is none} */
    String read() {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException failure) {
            throw new StackFailure("cannot read " + file + ": " + failure.getMessage());
        }
    }

    void write(String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new StackFailure("cannot write " + file + ": " + failure.getMessage());
        }
    }

    /** {@return the Recovery section of {@code text}, its markers included, without the line end after it} */
    static Optional<String> recoverySection(String text) {
        Matcher matcher = RECOVERY.matcher(text);
        return matcher.find() ? Optional.of(matcher.group().stripTrailing()) : Optional.empty();
    }

    /**
     * {@return {@code text} with its Recovery section replaced by {@code section}, or with
     * {@code section} appended after a blank line if it has none; an empty text becomes a results
     * file with the section only}
     */
    static String withRecoverySection(String text, String section) {
        String replacement = section.stripTrailing() + "\n";
        Matcher matcher = RECOVERY.matcher(text);
        if (matcher.find()) {
            return text.substring(0, matcher.start()) + replacement + text.substring(matcher.end());
        }
        String before = text.isBlank() ? "# Benchmark results\n" : text;
        return before.stripTrailing() + "\n\n" + replacement;
    }

    /**
     * {@return the results of {@code ./wallet bench}: its own paragraphs, then the notes
     * (bench/NOTES.md) and the Recovery section of {@code previous}, each after a blank line}
     *
     * @param paragraphs the run's text, paragraphs separated by blank lines
     * @param notes bench/NOTES.md, if there is one
     * @param previous the file as it was, for its Recovery section
     */
    static String sameRun(List<String> paragraphs, Optional<String> notes, String previous) {
        StringBuilder text = new StringBuilder();
        for (String paragraph : paragraphs) {
            text.append(text.length() == 0 ? "" : "\n").append(paragraph.stripTrailing()).append('\n');
        }
        notes.ifPresent(content -> text.append('\n').append(content.stripTrailing()).append('\n'));
        recoverySection(previous).ifPresent(section -> text.append('\n').append(section).append('\n'));
        return text.toString();
    }
}
