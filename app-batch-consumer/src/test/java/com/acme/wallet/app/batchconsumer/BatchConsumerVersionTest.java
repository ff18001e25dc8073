package com.acme.wallet.app.batchconsumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.app.options.ProgramVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code --version}: the batch consumer (and its check) names itself, the version and commit its build wrote. */
class BatchConsumerVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "check --version"})
    void version_prints_the_program_the_built_version_and_commit_and_answers_0_without_starting(String arguments)
            throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new BatchConsumerOptions()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));

        assertThat(BatchConsumerMain.answerWithoutStarting(commandLine, arguments.split(" "))).hasValue(0);

        // A build from a checkout with uncommitted changes marks the commit "+changes".
        String changes = built("git.properties", "git.dirty").equals("true") ? "+changes" : "";
        assertThat(out.toString()).startsWith("wallet-batch-consumer " + built("version.properties", "version") + " (commit "
                + built("git.properties", "git.commit.id.abbrev") + changes + ", built ").endsWith(")" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    /**
     * {@return a property of a resource the build wrote beside ProgramVersion; "unknown" when the
     * resource is absent (git.properties outside a git checkout)}
     */
    private static String built(String resource, String key) throws IOException {
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
