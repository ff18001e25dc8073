package com.acme.wallet.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The official Pulsar binary distribution ({@code org.apache.pulsar:pulsar-server-distribution},
 * {@code tar.gz}, classifier {@code bin}) that the test-support build copies from Maven Central, and
 * its extraction. The tests' brokers and {@code ./wallet up} run the same one.
 *
 * <p>The version is the root pom's {@code pulsar.version}, written into {@code test-pulsar.properties}
 * by resource filtering: it is declared nowhere else.
 */
public final class PulsarDistribution {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarDistribution.class);
    private static final String PROPERTIES = "test-pulsar.properties";
    private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(5);
    private static final Properties BUILD = buildProperties();

    private PulsarDistribution() {}

    /** {@return the Pulsar version of the build (such as {@code 4.0.x}): the pom's {@code pulsar.version}} */
    public static String version() {
        return BUILD.getProperty("pulsar.version");
    }

    /** {@return the Maven coordinates of the distribution, for {@code dependency:copy}} */
    public static String coordinates() {
        return "org.apache.pulsar:pulsar-server-distribution:" + version() + ":tar.gz:bin";
    }

    /** {@return the name of the directory the archive holds, {@code apache-pulsar-<version>}} */
    public static String directoryName() {
        return "apache-pulsar-" + version();
    }

    /** {@return the archive the build copied, else the one in the local Maven repository, if any} */
    public static Optional<Path> archive() {
        return candidates().stream().filter(Files::isRegularFile).findFirst();
    }

    /** {@return every place {@link #archive()} looks, in order} */
    public static List<Path> candidates() {
        String version = version();
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(BUILD.getProperty("pulsar.distribution")));
        String repositoryPath = "org/apache/pulsar/pulsar-server-distribution/" + version
                + "/pulsar-server-distribution-" + version + "-bin.tar.gz";
        candidates.add(Path.of(BUILD.getProperty("maven.localRepository")).resolve(repositoryPath));
        candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository").resolve(repositoryPath));
        return candidates;
    }

    /**
     * The distribution extracted into {@code parent}, extracted now from {@code archive} if it is
     * not yet. It is extracted into a temporary directory beside it and moved there in one step, so
     * that an interrupted extraction, or two extracting at once, never leave a half-extracted one.
     *
     * @param parent the directory to hold {@code apache-pulsar-<version>}
     * @param archive the distribution's archive
     * @return the distribution's home, with {@code bin/pulsar}
     * @throws UncheckedIOException if it cannot be extracted
     */
    public static Path extractedInto(Path parent, Path archive) {
        Path home = parent.resolve(directoryName());
        if (isExtracted(home)) {
            return home;
        }
        LOG.info("extracting {} into {}", archive, home);
        try {
            Files.createDirectories(parent);
            Path scratch = Files.createTempDirectory(parent, "extracting-");
            Processes.run(List.of("tar", "-xzf", archive.toString(), "-C", scratch.toString()), EXTRACT_TIMEOUT);
            if (!isExtracted(scratch.resolve(directoryName()))) {
                throw new IOException(archive + " does not hold " + directoryName() + "/bin/pulsar");
            }
            try {
                Files.move(scratch.resolve(directoryName()), home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException extractedMeanwhile) {
                LOG.info("{} was extracted by another run meanwhile", home);
            }
            Processes.deleteRecursively(scratch);
            return home;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot extract " + archive + " into " + home, failure);
        }
    }

    /** {@return whether {@code home} holds an extracted distribution} */
    public static boolean isExtracted(Path home) {
        return Files.isExecutable(home.resolve("bin/pulsar"));
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = PulsarDistribution.class.getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(PROPERTIES + " is missing from test-support; rebuild it");
            }
            properties.load(in);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return properties;
    }
}
