package dev.pullthrough.hook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON file in the shape of the {@code ecr_pull_through_cache_rules} variable: a map from rule key to an
 * object of string fields. The shape is checked strictly (an unknown field is a typo until proven otherwise); the
 * values are checked later, by {@link RuleSet#validate}. It lives with the hook because {@code hook start --rules}
 * reads the same file and the hook may depend on the model only; the CLI's commands use it from here.
 */
public final class RulesFile {
    public static final Set<String> FIELDS = Set.of("ecr_repository_prefix", "upstream_registry_url",
            "upstream_repository_prefix", "credential_arn", "custom_role_arn");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RulesFile() {
    }

    public static RuleSet read(Path file) throws RulesFileException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new RulesFileException(file, "no such file");
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new RulesFileException(file, "malformed JSON at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RulesFileException(file, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RulesFileException(file, "expected a JSON object mapping rule keys to rules, like "
                    + "{\"docker_hub\": {\"ecr_repository_prefix\": \"docker-hub\", \"upstream_registry_url\": "
                    + "\"registry-1.docker.io\"}}");
        }
        List<PullThroughRule> rules = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            rules.add(rule(file, entry.getKey(), entry.getValue()));
        }
        return RuleSet.of(rules);
    }

    private static PullThroughRule rule(Path file, String key, JsonNode node) throws RulesFileException {
        if (!node.isObject()) {
            throw new RulesFileException(file, "rule \"" + key + "\" must be an object with fields " + sorted(FIELDS));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new RulesFileException(file, "rule \"" + key + "\" has unknown field \"" + name
                        + "\"; allowed: " + sorted(FIELDS));
            }
        }
        return PullThroughRule.builder(key)
                .ecrRepositoryPrefix(text(file, key, node, "ecr_repository_prefix"))
                .upstreamRegistryUrl(text(file, key, node, "upstream_registry_url"))
                .upstreamRepositoryPrefix(text(file, key, node, "upstream_repository_prefix"))
                .credentialArn(text(file, key, node, "credential_arn"))
                .customRoleArn(text(file, key, node, "custom_role_arn"))
                .build();
    }

    private static String text(Path file, String key, JsonNode rule, String field) throws RulesFileException {
        JsonNode value = rule.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RulesFileException(file, "rule \"" + key + "\" field \"" + field + "\" must be a string, not "
                    + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return value.asText();
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new java.util.TreeSet<>(names));
    }
}
