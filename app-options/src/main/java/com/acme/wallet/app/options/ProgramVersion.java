package com.acme.wallet.app.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code --version} prints in both programs: the program's name, the version every module shares
 * (the root pom's), the commit the jar was built from and when, for example
 * {@code wallet-rest-api 0.1.0-SNAPSHOT (commit 8660d77, built 2026-11-30T11:20:00Z)}.
 *
 * <p>The facts come from two resources the build writes beside this class: {@code version.properties}
 * (Maven's resource filtering) and {@code git.properties} (git-commit-id-maven-plugin). A jar built
 * outside a git checkout has no {@code git.properties}: the commit is then {@code unknown}, said so
 * rather than left out. A commit with uncommitted changes is marked {@code +changes}.
 */
public final class ProgramVersion implements IVersionProvider {

    static final String UNKNOWN = "unknown";
    private static final String VERSION_RESOURCE = "version.properties";
    private static final String GIT_RESOURCE = "git.properties";

    /** The command asking; picocli injects it. A subcommand answers with its program's name. */
    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        return new String[] {line(spec.root().name(), resource(VERSION_RESOURCE), resource(GIT_RESOURCE))};
    }

    /**
     * {@return the version line of {@code program}}
     *
     * @param program the program's name
     * @param build {@code version} and {@code built}, as version.properties holds them
     * @param git {@code git.commit.id.abbrev} and {@code git.dirty}, as git.properties holds them; empty when
     *     the build had no git checkout
     */
    static String line(String program, Properties build, Properties git) {
        String commit = known(git.getProperty("git.commit.id.abbrev"));
        boolean changed = Boolean.parseBoolean(git.getProperty("git.dirty"));
        return program + " " + known(build.getProperty("version")) + " (commit " + commit
                + (changed && !commit.equals(UNKNOWN) ? "+changes" : "") + ", built " + known(build.getProperty("built"))
                + ")";
    }

    /** {@return the value, or {@code unknown} when it is missing or was never filled in by the build} */
    private static String known(String value) {
        return value == null || value.isBlank() || value.contains("${") ? UNKNOWN : value.trim();
    }

    /** {@return the properties of a resource beside this class, empty when the build wrote none} */
    private static Properties resource(String name) {
        Properties properties = new Properties();
        try (InputStream in = ProgramVersion.class.getResourceAsStream(name)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + name + " from the program's jar", unreadable);
        }
        return properties;
    }
}
