package dev.pullthrough.cdktf.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullthrough.cdktf.aws.AwsProvider;
import dev.pullthrough.json.Json;
import dev.pullthrough.testing.cdktf.ProjectPaths;
import dev.pullthrough.testing.cdktf.ProviderSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generates the AWS bindings in {@code src/generated/java} from the bindings list and the trimmed provider schema in
 * {@code src/codegen}. The output is committed; {@code GeneratedBindingsTest} fails when it is stale.
 *
 * <p>bin/generate-bindings runs {@link #write} through that test (no extra Maven plugin, same class path as the
 * tests).
 */
final class BindingsGenerator {
    static final String PACKAGE = "dev.pullthrough.cdktf.aws";
    static final String PROVIDER_ADDRESS = "registry.terraform.io/hashicorp/aws";

    private BindingsGenerator() {
    }

    /**
     * Rewrites the committed output: with {@code refreshSchema}, first re-trims the schema fixture from the pinned
     * provider's full schema (needs terraform and the provider offline, see bin/setup-test-env); then every binding,
     * deleting generated files no longer listed. Returns what it wrote.
     */
    static List<Path> write(Path root, boolean refreshSchema) throws IOException {
        if (refreshSchema) {
            JsonNode full = Json.STRICT.readTree(ProviderSchema.schemaFile(AwsProvider.CHECKED_VERSION).toFile());
            Files.writeString(schemaFixture(root), toJson(trim(full, specs(root))), StandardCharsets.UTF_8);
        }
        Map<Path, String> files = generate(root);
        Path out = outputDir(root);
        Files.createDirectories(out);
        try (Stream<Path> existing = Files.list(out)) {
            for (Path p : existing.toList()) {
                if (!files.containsKey(p)) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<Path, String> e : files.entrySet()) {
            Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
        }
        return List.copyOf(files.keySet());
    }

    static Path listFile(Path root) {
        return root.resolve("src/codegen/aws-bindings.list");
    }

    static Path schemaFixture(Path root) {
        return root.resolve("src/codegen/aws-provider-" + AwsProvider.CHECKED_VERSION + "-schema.json");
    }

    static Path outputDir(Path root) {
        return root.resolve("src/generated/java").resolve(PACKAGE.replace('.', '/'));
    }

    static List<BindingSpec> specs(Path root) {
        try {
            return BindingSpec.parseList(Files.readString(listFile(root), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every binding's file and source text, from the committed list and schema fixture. */
    static Map<Path, String> generate(Path root) throws IOException {
        JsonNode provider = Json.STRICT.readTree(schemaFixture(root).toFile()).path("provider_schemas").path(PROVIDER_ADDRESS);
        BindingRenderer renderer = new BindingRenderer(PACKAGE, AwsProvider.CHECKED_VERSION);
        Map<Path, String> files = new TreeMap<>();
        for (BindingSpec spec : specs(root)) {
            files.put(outputDir(root).resolve(spec.className() + ".java"),
                    renderer.render(spec, SchemaBlock.parse(block(provider, spec), spec.terraformType())));
        }
        return files;
    }

    /** The full schema cut down to the listed types, so the fixture stays small and reviewable. */
    static JsonNode trim(JsonNode full, List<BindingSpec> specs) {
        JsonNode provider = full.path("provider_schemas").path(PROVIDER_ADDRESS);
        ObjectNode trimmed = Json.STRICT.createObjectNode();
        trimmed.set("format_version", full.path("format_version"));
        ObjectNode kept = trimmed.putObject("provider_schemas").putObject(PROVIDER_ADDRESS);
        for (BindingSpec spec : specs) {
            block(provider, spec);
            kept.withObjectProperty(section(spec)).set(spec.terraformType(), provider.path(section(spec)).path(spec.terraformType()));
        }
        return trimmed;
    }

    /** Terraform prints the schema with sorted keys; the fixture keeps that order, two spaces a level. */
    static String toJson(JsonNode node) {
        return Json.pretty(node, "  ") + "\n";
    }

    private static String section(BindingSpec spec) {
        return spec.dataSource() ? "data_source_schemas" : "resource_schemas";
    }

    private static JsonNode block(JsonNode provider, BindingSpec spec) {
        JsonNode schema = provider.path(section(spec)).path(spec.terraformType());
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException(spec.kind() + " " + spec.terraformType() + " is not in the hashicorp/aws "
                    + AwsProvider.CHECKED_VERSION + " schema: check the name, or run bin/generate-bindings"
                    + " --refresh-schema after adding it to the list");
        }
        return schema.path("block");
    }
}
