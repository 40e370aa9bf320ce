package dev.pullthrough.module;

import dev.pullthrough.testing.terraform.TerraformOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Terraform example is planned by ExamplesIT and tells users how to run it. */
class ExamplesLayoutTest {
    private static final Path EXAMPLES = TerraformOptions.projectDirFromSystemProperty().resolve("examples");

    /**
     * Folders holding {@code .tf} files, directly under examples/ or one level deeper (an example of several root
     * configurations, such as org-hub/hub and org-hub/spoke).
     */
    private static List<Path> terraformExamples() throws IOException {
        try (Stream<Path> dirs = Files.walk(EXAMPLES, 2)) {
            return dirs.filter(Files::isDirectory).filter(d -> !d.toString().contains(".terraform")).filter(d -> {
                try (Stream<Path> files = Files.list(d)) {
                    return files.anyMatch(f -> f.getFileName().toString().endsWith(".tf"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }

    @Test
    void examples_everyTerraformFolder_isPlannedByExamplesIT() throws IOException {
        assertThat(terraformExamples()).map(p -> EXAMPLES.relativize(p).toString().replace('\\', '/'))
                .containsExactlyInAnyOrderElementsOf(ExamplesIT.PLANNED);
    }

    @Test
    void examples_everyFolder_hasReadmeWithRunInstructions() throws IOException {
        for (Path example : terraformExamples()) {
            // A root configuration inside a larger example may share the example's README.
            Path readme = Files.exists(example.resolve("README.md")) ? example.resolve("README.md")
                    : example.getParent().resolve("README.md");
            assertThat(readme).as(example + " README").exists();
            assertThat(Files.readString(readme)).as(readme.toString())
                    .contains("terraform init").contains("terraform apply").contains("How it is tested");
        }
    }

    @Test
    void examples_neverHoldASecretValue() throws IOException {
        for (Path example : terraformExamples()) {
            try (Stream<Path> files = Files.walk(example)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
                    assertThat(Files.readString(f)).as(f.toString())
                            .doesNotContain("aws_secretsmanager_secret_version", "secret_string");
                }
            }
        }
    }
}
