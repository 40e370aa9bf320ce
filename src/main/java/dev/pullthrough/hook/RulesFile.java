package dev.pullthrough.hook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pullthrough.json.Json;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.RuleShape;
import java.io.IOException;
import java.io.InputStream;
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
 * values are checked later, by {@link RuleSet#validate}. {@code -} reads standard input. It lives with the hook
 * because {@code hook start --rules} reads the same file and the hook may depend on the model only; the CLI's
 * commands use it from here.
 */
public final class RulesFile {
    public static final Set<String> FIELDS = Set.copyOf(RuleShape.FIELDS);
    /** Names a tfvars file or a module call uses for the whole map; a rules file is the map itself. */
    private static final Set<String> WRAPPER_KEYS = Set.of("rules", "ecr_pull_through_cache_rules");
    private static final String SHAPE = "{\"docker_hub\": {\"ecr_repository_prefix\": \"docker-hub\", "
            + "\"upstream_registry_url\": \"registry-1.docker.io\"}}";

    private RulesFile() {
    }

    public static RuleSet read(Path file) throws RulesFileException {
        return read(file, System.in);
    }

    public static RuleSet read(Path file, InputStream stdin) throws RulesFileException {
        JsonNode root = parse(file, InputFiles.readText(file, stdin));
        if (root == null || !root.isObject()) {
            throw new RulesFileException(file, "expected a JSON object mapping rule keys to rules, like " + SHAPE);
        }
        List<PullThroughRule> rules = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            rules.add(rule(file, entry.getKey(), entry.getValue()));
        }
        return RuleSet.of(rules);
    }

    private static JsonNode parse(Path file, String text) throws RulesFileException {
        try {
            return Json.STRICT.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new RulesFileException(file, "JSON nested more than " + Json.MAX_NESTING_DEPTH
                    + " levels deep; a rules file is two levels deep, like " + SHAPE);
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new RulesFileException(file, "malformed JSON at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RulesFileException(file, "cannot read: " + e.getMessage());
        }
    }

    private static PullThroughRule rule(Path file, String key, JsonNode node) throws RulesFileException {
        if (!node.isObject()) {
            throw new RulesFileException(file, RuleShape.notAnObject(key));
        }
        if (WRAPPER_KEYS.contains(key) && looksLikeRuleMap(node)) {
            throw new RulesFileException(file, "the rules are wrapped in \"" + key + "\", as in a tfvars file or a"
                    + " module call; a rules file is the map itself: remove the outer {\"" + key + "\": ...}, like "
                    + SHAPE);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new RulesFileException(file, RuleShape.unknownField(key, name));
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

    /** Every value an object and no field a rule would have: a map of rules, one level too deep. */
    private static boolean looksLikeRuleMap(JsonNode node) {
        boolean[] ruleMap = {node.size() > 0};
        node.fields().forEachRemaining(e -> ruleMap[0] &= e.getValue().isObject() && !FIELDS.contains(e.getKey()));
        return ruleMap[0];
    }

    private static String text(Path file, String key, JsonNode rule, String field) throws RulesFileException {
        JsonNode value = rule.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RulesFileException(file, RuleShape.notAString(key, field,
                    value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return value.asText();
    }
}
