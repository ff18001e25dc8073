package com.acme.wallet.app.restapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.app.options.ProgramVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --version}: the REST API names itself, the version and commit its build wrote, and starts nothing. */
class RestApiVersionTest {

    @Test
    void version_prints_the_program_the_built_version_and_commit_and_answers_0_without_starting() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RestApiMain.commandLine(new RestApiOptions()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));

        assertThat(RestApiMain.answerWithoutStarting(commandLine, new String[] {"--version"})).hasValue(0);

        // A build from a checkout with uncommitted changes marks the commit "+changes".
        String changes = built("git.properties", "git.dirty").equals("true") ? "+changes" : "";
        assertThat(out.toString()).startsWith("wallet-rest-api " + built("version.properties", "version") + " (commit "
                + built("git.properties", "git.commit.id.abbrev") + changes + ", built ").endsWith(")" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void a_wrong_option_is_still_wrong_usage() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = RestApiMain.commandLine(new RestApiOptions()).setErr(new PrintWriter(err));

        assertThat(RestApiMain.answerWithoutStarting(commandLine, new String[] {"--versions"})).hasValue(2);
        assertThat(err.toString()).startsWith("wallet REST API not started: Unknown option: '--versions'");
    }

    /**
     * {@return a property of a resource the build wrote beside ProgramVersion; "unknown" when the
     * resource is absent (git.properties outside a git checkout)}
     */
    static String built(String resource, String key) throws IOException {
        try (InputStream in = ProgramVersion.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty(key);
            assertThat(value).as(resource + " " + key).isNotBlank().doesNotContain("${");
            return value;
        }
    }
}
