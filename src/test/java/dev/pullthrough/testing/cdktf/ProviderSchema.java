package dev.pullthrough.testing.cdktf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hashicorp/aws provider schema as `terraform providers schema -json` prints it for a pinned version, cached
 * under target/ (13 MB, ~3 s to produce), and checks of synthesized Terraform JSON against it.
 */
public final class ProviderSchema {
    private static final String PROVIDER_ADDRESS = "registry.terraform.io/hashicorp/aws";
    /** Keys cdktf writes into resource bodies that are Terraform meta-arguments, not provider attributes. */
    private static final Set<String> META_ARGUMENTS =
            Set.of("//", "provider", "depends_on", "count", "for_each", "lifecycle", "provisioner", "connection");

    private static ProviderSchema cached;

    private final String version;
    private final JsonNode provider;

    private ProviderSchema(String version, JsonNode provider) {
        this.version = version;
        this.provider = provider;
    }

    public static synchronized ProviderSchema aws(String version) {
        if (cached != null && cached.version.equals(version)) {
            return cached;
        }
        Path file = schemaFile(version);
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            JsonNode provider = root.path("provider_schemas").path(PROVIDER_ADDRESS);
            if (provider.isMissingNode()) {
                throw new AssertionError(file + " has no schema for " + PROVIDER_ADDRESS);
            }
            cached = new ProviderSchema(version, provider);
            return cached;
        } catch (IOException e) {
            throw new AssertionError("cannot read provider schema " + file, e);
        }
    }

    /** The full schema JSON file of that provider version, produced with terraform on first use. */
    public static Path schemaFile(String version) {
        Path file = ProjectPaths.target().resolve("schema-cache").resolve("aws-" + version + ".json");
        try {
            if (!Files.isRegularFile(file)) {
                produce(version, file);
            }
            return file;
        } catch (IOException e) {
            throw new AssertionError("cannot produce provider schema " + file, e);
        }
    }

    private static void produce(String version, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path dir = Files.createTempDirectory(file.getParent(), "schema-");
        Files.writeString(dir.resolve("main.tf.json"), """
                {"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "%s"}}}}
                """.formatted(version), StandardCharsets.UTF_8);
        Terraform.run(dir, "init", "-input=false", "-backend=false");
        String json = Terraform.run(dir, "providers", "schema", "-json");
        Path tmp = dir.resolve("schema.json");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        TempDirs.deleteRecursively(dir);
    }

    public boolean hasResource(String type) {
        return provider.path("resource_schemas").has(type);
    }

    public boolean hasDataSource(String type) {
        return provider.path("data_source_schemas").has(type);
    }

    /** Every attribute a reference like {@code aws_iam_policy.x.arn} may name. */
    public boolean hasAttribute(boolean dataSource, String type, String attribute) {
        JsonNode block = block(dataSource, type);
        return block != null && (block.path("attributes").has(attribute) || block.path("block_types").has(attribute));
    }

    /**
     * Problems with every resource, data source and provider block of a synthesized stack: unknown types, unknown
     * attribute or block names (recursively), missing required attributes and blocks.
     */
    public List<String> check(JsonNode stack) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> type : fields(stack.path("resource"))) {
            JsonNode block = block(false, type.getKey());
            for (Map.Entry<String, JsonNode> res : fields(type.getValue())) {
                String where = type.getKey() + "." + res.getKey();
                if (block == null) {
                    problems.add(where + ": resource type not in aws provider " + version);
                } else {
                    checkBody(where, block, res.getValue(), problems);
                }
            }
        }
        for (Map.Entry<String, JsonNode> type : fields(stack.path("data"))) {
            JsonNode block = block(true, type.getKey());
            for (Map.Entry<String, JsonNode> res : fields(type.getValue())) {
                String where = "data." + type.getKey() + "." + res.getKey();
                if (block == null) {
                    problems.add(where + ": data source not in aws provider " + version);
                } else {
                    checkBody(where, block, res.getValue(), problems);
                }
            }
        }
        JsonNode aws = stack.path("provider").path("aws");
        for (JsonNode config : aws.isArray() ? aws : List.of(aws)) {
            if (!config.isMissingNode()) {
                checkBody("provider.aws", provider.path("provider").path("block"), config, problems, Set.of("alias"));
            }
        }
        return problems;
    }

    private JsonNode block(boolean dataSource, String type) {
        JsonNode node = provider.path(dataSource ? "data_source_schemas" : "resource_schemas").path(type);
        return node.isMissingNode() ? null : node.path("block");
    }

    private void checkBody(String where, JsonNode block, JsonNode body, List<String> problems) {
        checkBody(where, block, body, problems, META_ARGUMENTS);
    }

    private void checkBody(String where, JsonNode block, JsonNode body, List<String> problems, Set<String> meta) {
        JsonNode attributes = block.path("attributes");
        JsonNode blockTypes = block.path("block_types");
        for (Map.Entry<String, JsonNode> field : fields(body)) {
            String name = field.getKey();
            if (meta.contains(name)) {
                continue;
            }
            if (attributes.has(name)) {
                JsonNode attr = attributes.get(name);
                if (attr.path("computed").asBoolean() && !attr.path("optional").asBoolean()
                        && !attr.path("required").asBoolean()) {
                    problems.add(where + "." + name + ": read-only (computed) attribute set");
                }
            } else if (blockTypes.has(name)) {
                JsonNode nested = blockTypes.get(name).path("block");
                JsonNode value = field.getValue();
                for (JsonNode item : value.isArray() ? value : List.of(value)) {
                    checkBody(where + "." + name, nested, item, problems, Set.of());
                }
            } else {
                problems.add(where + "." + name + ": no such attribute or block in aws provider " + version);
            }
        }
        for (Map.Entry<String, JsonNode> attr : fields(attributes)) {
            if (attr.getValue().path("required").asBoolean() && !body.has(attr.getKey())) {
                problems.add(where + ": required attribute " + attr.getKey() + " is missing");
            }
        }
        for (Map.Entry<String, JsonNode> nested : fields(blockTypes)) {
            if (nested.getValue().path("min_items").asInt(0) > 0 && !body.has(nested.getKey())) {
                problems.add(where + ": required block " + nested.getKey() + " is missing");
            }
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return () -> {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            return it;
        };
    }
}
