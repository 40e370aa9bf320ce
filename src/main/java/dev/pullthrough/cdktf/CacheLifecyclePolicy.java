package dev.pullthrough.cdktf;

import dev.pullthrough.model.CacheSettings;
import dev.pullthrough.model.LifecycleRule;
import dev.pullthrough.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECR lifecycle policy JSON that makes cached images expire, serialized from the model's {@link LifecycleRule}s
 * (the ecr-pull-through-cache module renders the same rules). Cache repositories never expire by themselves; this
 * policy, carried by a repository creation template, is applied by ECR to each cache repository it creates.
 */
public final class CacheLifecyclePolicy {
    private CacheLifecyclePolicy() {
    }

    /** The policy JSON for valid settings; null when nothing expires. */
    public static String of(CacheSettings settings) {
        List<LifecycleRule> rules = settings.lifecycleRules();
        if (rules.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> json = new ArrayList<>();
        for (LifecycleRule rule : rules) {
            json.add(toJson(rule));
        }
        return Json.compact(Map.of("rules", json));
    }

    private static Map<String, Object> toJson(LifecycleRule rule) {
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("tagStatus", rule.tagStatus());
        selection.put("countType", LifecycleRule.COUNT_TYPE);
        selection.put("countUnit", LifecycleRule.COUNT_UNIT);
        selection.put("countNumber", Integer.parseInt(rule.days()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rulePriority", rule.priority());
        json.put("description", rule.description());
        json.put("selection", selection);
        json.put("action", Map.of("type", LifecycleRule.ACTION));
        return json;
    }
}
