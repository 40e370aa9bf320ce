package dev.pullthrough.cdktf;

import dev.pullthrough.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECR lifecycle policy that makes cached images expire. Cache repositories never expire by themselves; this
 * policy, carried by a repository creation template, is applied by ECR to each cache repository it creates.
 *
 * <p>It counts days since the image was pushed, which for a cache repository is when ECR imported it from upstream.
 * An image still in use is simply imported again on the next pull after it expired. The rules, their priorities and
 * descriptions are the same as the ecr-pull-through-cache module's, so both forms produce the same policy.
 */
public final class CacheLifecyclePolicy {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 3650;

    private CacheLifecyclePolicy() {
    }

    /** Lifecycle policy JSON expiring every image {@code days} days after it entered the cache. */
    public static String expireAfterDays(int days) {
        return of(days, null);
    }

    /**
     * Lifecycle policy JSON with an optional, usually shorter, expiry for untagged images (priority 1) and an optional
     * expiry for any image (priority 2: ECR requires a tagStatus "any" rule to come last). Null when both are null.
     */
    public static String of(Integer days, Integer untaggedDays) {
        List<Map<String, Object>> rules = new ArrayList<>();
        if (untaggedDays != null) {
            rules.add(rule(1, "untagged", checkDays("untagged cached image expiry", untaggedDays),
                    "Expire untagged cached images " + untaggedDays + " days after they were cached"));
        }
        if (days != null) {
            rules.add(rule(2, "any", checkDays("cached image expiry", days), "Expire cached images " + days
                    + " days after they were cached; the next pull fetches them again"));
        }
        if (rules.isEmpty()) {
            return null;
        }
        return Json.compact(Map.of("rules", rules));
    }

    /** Validates an expiry in days (1 to {@value #MAX_DAYS}); returns it. */
    public static int checkDays(String what, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException(what + " = " + days + " days: must be 1 to " + MAX_DAYS
                    + " days; keep cached images instead of using a very large number");
        }
        return days;
    }

    private static Map<String, Object> rule(int priority, String tagStatus, int days, String description) {
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("tagStatus", tagStatus);
        selection.put("countType", "sinceImagePushed");
        selection.put("countUnit", "days");
        selection.put("countNumber", days);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("rulePriority", priority);
        rule.put("description", description);
        rule.put("selection", selection);
        rule.put("action", Map.of("type", "expire"));
        return rule;
    }
}
