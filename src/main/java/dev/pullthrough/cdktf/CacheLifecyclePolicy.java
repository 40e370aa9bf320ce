package dev.pullthrough.cdktf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECR lifecycle policy that makes cached images expire. Cache repositories never expire by themselves; this
 * policy, carried by a repository creation template, is applied by ECR to each cache repository it creates.
 *
 * <p>It counts days since the image was pushed, which for a cache repository is when ECR imported it from upstream.
 * An image still in use is simply imported again on the next pull after it expired.
 */
public final class CacheLifecyclePolicy {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 3650;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheLifecyclePolicy() {
    }

    /** Lifecycle policy JSON expiring every image {@code days} days after it entered the cache. */
    public static String expireAfterDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("cached image expiry = " + days + " days: must be 1 to " + MAX_DAYS
                    + " days; turn expiry off instead of using a very large number");
        }
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("tagStatus", "any");
        selection.put("countType", "sinceImagePushed");
        selection.put("countUnit", "days");
        selection.put("countNumber", days);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("rulePriority", 1);
        rule.put("description", "Expire cached images " + days + " days after they were pulled into the cache");
        rule.put("selection", selection);
        rule.put("action", Map.of("type", "expire"));
        try {
            return JSON.writeValueAsString(Map.of("rules", List.of(rule)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
