package dev.pullthrough.iam;

import dev.pullthrough.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resource policy (an ECR registry policy or repository policy): Allow statements naming their principals. Renders
 * like {@link PolicyDocument}: a single value is a string, several a list, in the order given.
 */
public record ResourcePolicy(List<ResourceStatement> statements) {
    public ResourcePolicy {
        statements = List.copyOf(statements);
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    /** Stable, pretty-printed JSON. */
    public String toJson() {
        return Json.pretty(toMap(), "  ");
    }

    public Map<String, Object> toMap() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Version", PolicyDocument.VERSION);
        doc.put("Statement", statements.stream().map(ResourcePolicy::statementMap).toList());
        return doc;
    }

    private static Map<String, Object> statementMap(ResourceStatement s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Sid", s.sid());
        m.put("Effect", "Allow");
        m.put("Principal", Map.of("AWS", PolicyDocument.oneOrMany(s.awsPrincipals())));
        m.put("Action", PolicyDocument.oneOrMany(s.actions()));
        if (!s.resources().isEmpty()) {
            m.put("Resource", PolicyDocument.oneOrMany(s.resources()));
        }
        s.condition().ifPresent(c -> m.put("Condition", Map.of(c.operator(), Map.of(c.key(), c.values()))));
        return m;
    }
}
