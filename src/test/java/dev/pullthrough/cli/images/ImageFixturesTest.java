package dev.pullthrough.cli.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture directory under src/test/resources/images/fixtures holds real-world-shaped files (workflows, actions,
 * Dockerfiles, compose, GitLab CI, manifests, Helm output) and an {@code expected.txt}: one line per reference,
 * {@code file:line status image-or-written rule}, in output order, and {@code skipped file} for files that cannot be
 * read. The rules cover Docker Hub, GHCR, ECR Public and registry.k8s.io, not Quay or GitLab.
 */
class ImageFixturesTest {
    static final Path FIXTURES = Path.of("src/test/resources/images/fixtures");
    static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    static final RuleSet RULES = RuleSet.of(
            PullThroughRule.builder("docker_hub").ecrRepositoryPrefix("docker-hub").upstreamRegistryUrl("registry-1.docker.io").build(),
            PullThroughRule.builder("github").ecrRepositoryPrefix("github").upstreamRegistryUrl("ghcr.io").build(),
            PullThroughRule.builder("ecr_public").ecrRepositoryPrefix("ecr-public").upstreamRegistryUrl("public.ecr.aws").build(),
            PullThroughRule.builder("k8s").ecrRepositoryPrefix("k8s").upstreamRegistryUrl("registry.k8s.io").build());

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void fixtures_atLeastThirtyFilesOfEveryKind() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(FIXTURES)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("expected.txt")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        assertThat(files.stream().map(SourceKind::of).flatMap(Optional::stream).distinct())
                .containsExactlyInAnyOrder(SourceKind.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void scan_fixture_findsExactlyTheExpectedReferences(String fixture) throws IOException {
        Path dir = FIXTURES.resolve(fixture);
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();

        ScanResult scan = ImageScan.scan(List.of(dir));
        List<ImageRow> rows = new ImageAnalysis(RULES, Optional.of(REGISTRY)).analyse(scan.found());

        assertThat(describe(dir, rows, scan.skipped())).containsExactlyElementsOf(expected);
    }

    static List<String> describe(Path dir, List<ImageRow> rows, List<SkippedFile> skipped) {
        String prefix = dir.toString() + "/";
        List<String> lines = new ArrayList<>();
        for (ImageRow r : rows) {
            lines.add(r.found().file().substring(prefix.length()) + ":" + r.found().line() + " " + r.coverage().id() + " "
                    + r.image().map(Object::toString).orElse(r.found().written()) + " " + r.rule().orElse("-"));
        }
        for (SkippedFile s : skipped) {
            lines.add("skipped " + s.file().substring(prefix.length()));
        }
        return lines;
    }
}
