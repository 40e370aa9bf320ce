package dev.pullthrough.cdktf.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullthrough.cdktf.aws.AwsProvider;
import dev.pullthrough.json.Json;
import dev.pullthrough.testing.cdktf.ProjectPaths;
import dev.pullthrough.testing.cdktf.ProviderSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed bindings are what the generator makes of the committed list and schema fixture, and the fixture is
 * the pinned provider's real schema cut to the listed types. With {@code -Dpt.bindings.regenerate=true}
 * (bin/generate-bindings) it rewrites both instead of comparing.
 */
class GeneratedBindingsTest {
    private static final boolean REGENERATE = Boolean.getBoolean("pt.bindings.regenerate");
    private final Path root = ProjectPaths.root();

    @BeforeAll
    static void regenerateWhenAsked() throws IOException {
        if (REGENERATE) {
            BindingsGenerator.write(ProjectPaths.root(), true);
        }
    }

    @Test
    void schemaFixture_isTheProviderSchemaTrimmedToTheList() throws IOException {
        JsonNode full = Json.STRICT.readTree(ProviderSchema.schemaFile(AwsProvider.CHECKED_VERSION).toFile());
        String expected = BindingsGenerator.toJson(BindingsGenerator.trim(full, BindingsGenerator.specs(root)));
        assertThat(Files.readString(BindingsGenerator.schemaFixture(root), StandardCharsets.UTF_8))
                .as("%s is stale: run bin/generate-bindings", root.relativize(BindingsGenerator.schemaFixture(root)))
                .isEqualTo(expected);
    }

    @Test
    void generatedSources_matchTheGeneratorOutput() throws IOException {
        Map<Path, String> expected = BindingsGenerator.generate(root);
        TreeSet<Path> committed = new TreeSet<>();
        try (Stream<Path> files = Files.list(BindingsGenerator.outputDir(root))) {
            files.forEach(committed::add);
        }
        assertThat(committed).as("generated files (run bin/generate-bindings)").isEqualTo(expected.keySet());
        for (Map.Entry<Path, String> e : expected.entrySet()) {
            assertThat(Files.readString(e.getKey(), StandardCharsets.UTF_8))
                    .as("%s is stale: run bin/generate-bindings", root.relativize(e.getKey()))
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void list_namesEveryBindingTheConstructsNeed() {
        assertThat(BindingsGenerator.specs(root)).extracting(BindingSpec::className).containsAll(List.of(
                "EcrPullThroughCacheRule", "EcrRepositoryCreationTemplate", "EcrRegistryPolicy", "IamPolicy",
                "IamRolePolicyAttachment", "VpcEndpoint", "SecurityGroup", "SecurityGroupRule",
                "DataAwsCallerIdentity", "DataAwsPartition", "DataAwsRegion", "DataAwsVpc"));
    }
}
