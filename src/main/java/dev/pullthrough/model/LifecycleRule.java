package dev.pullthrough.model;

import java.util.Objects;

/**
 * One rule of the lifecycle policy a repository creation template puts on every cache repository ECR creates.
 *
 * <p>Its parts are strings so that the days may be a literal ({@code 30}) or a Terraform interpolation
 * ({@code ${var.expire_after_days}}): the constructs and the module generator render the same rule from here.
 * Expiry counts from when the image entered the cache ({@code sinceImagePushed}); the next pull fetches it again.
 *
 * @param tagStatus {@code untagged} or {@code any} (ECR requires the {@code any} rule to have the highest priority)
 */
public record LifecycleRule(int priority, String tagStatus, String days, String description) {
    public static final String COUNT_TYPE = "sinceImagePushed";
    public static final String COUNT_UNIT = "days";
    public static final String ACTION = "expire";

    public LifecycleRule {
        Objects.requireNonNull(tagStatus, "tagStatus");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(description, "description");
    }

    /** Priority 1: untagged images, usually sooner than the rest. */
    public static LifecycleRule untagged(String days) {
        return new LifecycleRule(1, "untagged", days,
                "Expire untagged cached images " + days + " days after they were cached");
    }

    /** Priority 2: every image. */
    public static LifecycleRule any(String days) {
        return new LifecycleRule(2, "any", days,
                "Expire cached images " + days + " days after they were cached; the next pull fetches them again");
    }
}
