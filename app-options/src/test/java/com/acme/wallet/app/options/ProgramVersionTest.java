package com.acme.wallet.app.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** --version: the program, the shared version, the commit and the build's time, or "unknown" for what the build could not tell. */
class ProgramVersionTest {

    @Command(name = "program", mixinStandardHelpOptions = true, versionProvider = ProgramVersion.class,
            subcommands = Sub.class)
    static final class Program {}

    @Command(name = "sub", mixinStandardHelpOptions = true, versionProvider = ProgramVersion.class)
    static final class Sub {}

    @Test
    void the_line_names_the_program_the_version_the_commit_and_the_build_time() {
        String line = ProgramVersion.line("wallet-rest-api", build("1.2.3-SNAPSHOT", "2026-11-30T11:20:00Z"),
                git("abc1234", "false"));

        assertThat(line).isEqualTo("wallet-rest-api 1.2.3-SNAPSHOT (commit abc1234, built 2026-11-30T11:20:00Z)");
    }

    @Test
    void a_build_with_uncommitted_changes_says_so_after_the_commit() {
        String line = ProgramVersion.line("wallet-rest-api", build("1.2.3", "2026-11-30T11:20:00Z"),
                git("abc1234", "true"));

        assertThat(line).isEqualTo("wallet-rest-api 1.2.3 (commit abc1234+changes, built 2026-11-30T11:20:00Z)");
    }

    @Test
    void a_build_outside_a_git_checkout_says_the_commit_is_unknown() {
        String line = ProgramVersion.line("wallet-batch-consumer", build("1.2.3", "2026-11-30T11:20:00Z"),
                new Properties());

        assertThat(line).isEqualTo("wallet-batch-consumer 1.2.3 (commit unknown, built 2026-11-30T11:20:00Z)");
    }

    @Test
    void values_the_build_never_filled_in_are_unknown_not_placeholders() {
        String line = ProgramVersion.line("wallet-rest-api", build("${project.version}", ""), new Properties());

        assertThat(line).isEqualTo("wallet-rest-api unknown (commit unknown, built unknown)");
    }

    @Test
    void the_built_resources_are_found_and_a_subcommand_answers_with_its_programs_name() {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new Program()).setOut(new PrintWriter(out));

        int status = line.execute("sub", "--version");

        assertThat(status).isZero();
        // The build of this module wrote version.properties; git.properties only inside a git checkout.
        assertThat(out.toString()).matches(
                "program \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{7,}(\\+changes)?|unknown), built "
                        + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)\\R");
    }

    private static Properties build(String version, String built) {
        Properties properties = new Properties();
        properties.setProperty("version", version);
        properties.setProperty("built", built);
        return properties;
    }

    private static Properties git(String commit, String dirty) {
        Properties properties = new Properties();
        properties.setProperty("git.commit.id.abbrev", commit);
        properties.setProperty("git.dirty", dirty);
        return properties;
    }
}
