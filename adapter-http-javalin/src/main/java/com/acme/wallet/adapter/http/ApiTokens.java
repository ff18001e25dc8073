package com.acme.wallet.adapter.http;

import com.acme.wallet.application.port.in.Caller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API's tokens, as the token file lists them: one a line, its caller's name, its scopes and the
 * SHA-256 of the token, never the token itself.
 *
 * <pre>
 * # name       scopes                                  SHA-256 of the token
 * backoffice   wallet:read,wallet:open                 sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * game-server  wallet:read,wallet:write                sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752
 * </pre>
 *
 * <p>Blank lines and lines starting with {@code #} are skipped. Names and hashes are unique, every
 * scope is one of {@link Scope}'s, and a file holds at least one token and at most
 * {@value #MAX_TOKENS}. A token is checked by hashing it and comparing the hash with every hash
 * listed, each in constant time, so neither a hash lookup nor an early exit tells an attacker how
 * close a guess came.
 */
public final class ApiTokens {

    /** The most tokens a file may list. */
    public static final int MAX_TOKENS = 10_000;

    /** The largest token file read, in bytes. */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /** The longest token taken from a request; a longer one is refused unhashed. */
    static final int MAX_TOKEN_LENGTH = 1_024;

    private static final String HASH_PREFIX = "sha256:";
    private static final Pattern HASH = Pattern.compile(Pattern.quote(HASH_PREFIX) + "[0-9a-f]{64}");
    private static final Pattern FIELDS = Pattern.compile("\\s+");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What a token grants.
     *
     * @param caller whose token it is
     * @param scopes what it allows
     */
    public record Grant(Caller caller, Set<Scope> scopes) {

        /** Keeps a read-only copy of the scopes. */
        public Grant {
            scopes = Set.copyOf(scopes);
        }
    }

    private record Entry(Grant grant, byte[] sha256) {}

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads a token file.
     *
     * @param file the file
     * @return its tokens
     * @throws IllegalArgumentException if it cannot be read or breaks a rule; the message names the
     *     file, the line and the rule, and never holds a line's content
     */
    public static ApiTokens read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("the token file " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes");
            }
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("the token file " + file + " cannot be read: " + unreadable, unreadable);
        }
    }

    /**
     * Parses the lines of a token file.
     *
     * @param lines the file's lines
     * @param source where they come from, for messages
     * @return the tokens
     * @throws IllegalArgumentException if a line breaks a rule, or no token is listed
     */
    static ApiTokens parse(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ", line " + (index + 1);
            String[] fields = FIELDS.split(line);
            if (fields.length != 3) {
                throw new IllegalArgumentException(where + ": a token line is its name, its scopes (comma-separated) "
                        + "and sha256:<64 lowercase hex digits> of the token, separated by spaces");
            }
            Caller caller;
            try {
                caller = new Caller(fields[0]);
            } catch (IllegalArgumentException badName) {
                throw new IllegalArgumentException(where + ": " + badName.getMessage(), badName);
            }
            if (!names.add(caller.name())) {
                throw new IllegalArgumentException(where + ": the name " + caller + " is listed twice");
            }
            Set<Scope> scopes = scopes(fields[1], where);
            if (!HASH.matcher(fields[2]).matches()) {
                throw new IllegalArgumentException(where + ": the hash must be sha256: and 64 lowercase hex digits "
                        + "(the token itself is never written in the file)");
            }
            if (!hashes.add(fields[2])) {
                throw new IllegalArgumentException(where + ": the same token is listed twice");
            }
            entries.add(new Entry(new Grant(caller, scopes),
                    HexFormat.of().parseHex(fields[2].substring(HASH_PREFIX.length()))));
            if (entries.size() > MAX_TOKENS) {
                throw new IllegalArgumentException(source + " lists more than " + MAX_TOKENS + " tokens");
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(source + " lists no token");
        }
        return new ApiTokens(entries);
    }

    private static Set<Scope> scopes(String field, String where) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : field.split(",", -1)) {
            scopes.add(Scope.named(name).orElseThrow(() -> new IllegalArgumentException(where + ": unknown scope \""
                    + name + "\"; the scopes are wallet:read, wallet:write, wallet:open and admin")));
        }
        return scopes;
    }

    /**
     * {@return the line of a token file for a token: the name, the scopes and the token's hash}
     *
     * @param name the caller's name
     * @param scopes what the token allows
     * @param token the token, as the caller will send it
     */
    public static String line(Caller name, Set<Scope> scopes, String token) {
        StringBuilder line = new StringBuilder(name.name()).append(' ');
        scopes.stream().sorted().forEach(scope -> line.append(scope.wire()).append(','));
        line.setLength(line.length() - 1);
        return line.append(' ').append(HASH_PREFIX).append(HexFormat.of().formatHex(sha256(token))).toString();
    }

    /**
     * {@return a new token: 32 random bytes from a strong source, in URL-safe base64, 43 characters};
     *     as hard to guess as a 256-bit key, so one SHA-256 of it is as safe to keep as a slow hash
     */
    public static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** {@return how many tokens are listed} */
    public int size() {
        return entries.size();
    }

    /**
     * Finds what a token grants, comparing its hash with every one listed in constant time.
     *
     * @param token the token a request presented
     * @return its grant, or empty if it is not listed
     */
    public Optional<Grant> grantOf(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        Grant found = null;
        for (Entry entry : entries) {
            // No early exit: every entry costs the same whichever matches.
            if (MessageDigest.isEqual(entry.sha256(), presented)) {
                found = entry.grant();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        return "ApiTokens[" + entries.size() + " tokens]";
    }
}
