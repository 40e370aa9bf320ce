package dev.pullthrough.cdktf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullthrough.testing.cdktf.MavenInstall;
import dev.pullthrough.testing.cdktf.ProjectPaths;
import dev.pullthrough.testing.cdktf.TempDirs;
import dev.pullthrough.testing.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a platform repository gets when it adds {@code dev.pullthrough:pullthrough}: the project jar installed as it
 * is published (with its pom), examples/cdktf-java's pom as the consumer, and Maven's own resolution of its runtime
 * classpath. The library must stay light: cdktf, jsii, constructs, one Jackson version and our jar; no AWS SDK, no
 * picocli, no logging binding.
 */
class ConsumerDependenciesIT {
    private static final Set<String> EXPECTED = Set.of(
            "dev.pullthrough:pullthrough",
            "com.hashicorp:cdktf",
            "software.amazon.jsii:jsii-runtime",
            "software.constructs:constructs",
            "com.fasterxml.jackson.core:jackson-core",
            "com.fasterxml.jackson.core:jackson-annotations",
            "com.fasterxml.jackson.core:jackson-databind",
            "com.fasterxml.jackson.datatype:jackson-datatype-jsr310",
            "javax.annotation:javax.annotation-api",
            "org.jetbrains:annotations");
    private static Path consumer;
    private static List<String[]> resolved;

    @BeforeAll
    static void installAndResolve() throws IOException {
        MavenInstall.installProjectJar();
        consumer = Files.createTempDirectory("pullthrough-consumer-");
        Files.copy(ProjectPaths.root().resolve("examples/cdktf-java/pom.xml"), consumer.resolve("pom.xml"));
        Path list = consumer.resolve("dependencies.txt");
        ProcessResult r = MavenInstall.mvn(consumer, "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list",
                "-DincludeScope=runtime", "-DoutputAbsoluteArtifactFilename=true", "-DoutputFile=" + list);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        // "   group:artifact:jar:version:scope:/abs/path.jar" (possibly with " -- module ..." appended)
        resolved = Files.readAllLines(list).stream()
                .map(String::trim)
                .filter(l -> l.matches("[\\w.-]+:[\\w.-]+:jar:.*"))
                .map(l -> l.split(" ")[0].split(":", 6))
                .toList();
    }

    @AfterAll
    static void cleanUp() {
        if (consumer != null) {
            TempDirs.deleteRecursively(consumer);
        }
    }

    @Test
    void consumer_resolvesOnlyCdktfJsiiConstructsJacksonAndOurJar() {
        Set<String> coordinates = resolved.stream().map(a -> a[0] + ":" + a[1]).collect(Collectors.toCollection(TreeSet::new));

        assertThat(coordinates).containsExactlyInAnyOrderElementsOf(EXPECTED);
        assertThat(coordinates).noneMatch(c -> c.startsWith("software.amazon.awssdk:") || c.startsWith("info.picocli:")
                || c.startsWith("org.slf4j:"));
    }

    @Test
    void consumer_getsOneJacksonVersion() {
        Set<String> versions = resolved.stream().filter(a -> a[0].startsWith("com.fasterxml.jackson"))
                .filter(a -> !a[1].equals("jackson-annotations")) // 2.20+ versions it as "2.22", not "2.22.3"
                .map(a -> a[3]).collect(Collectors.toSet());

        assertThat(versions).hasSize(1);
    }

    @Test
    void consumer_classpathIsSmall() throws IOException {
        long bytes = 0;
        for (String[] a : resolved) {
            bytes += Files.size(Path.of(a[5].split(" ")[0]));
        }
        // Before the library was made light: 40 jars, 12.7 MB. The figure is in CHANGELOG.md.
        assertThat(resolved).hasSizeLessThanOrEqualTo(EXPECTED.size());
        assertThat(bytes).as("bytes on the consumer's classpath").isLessThan(8_000_000L);
    }
}
