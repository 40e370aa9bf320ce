package dev.pullthrough.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How the cache repositories ECR creates are shaped: the repository creation template per rule, its lifecycle policy
 * (expiry), tag mutability, encryption and tags. The constructs and the ecr-pull-through-cache module both take these
 * settings, validate them with {@link #problems()} (the module's validations render the same texts) and render the
 * same lifecycle rules and descriptions from here.
 *
 * <p>Names in messages are the module's input names ({@code expire_after_days}), the one vocabulary all three faces
 * share.
 *
 * @param expireAfterDays days after which any cached image expires; null keeps images until removed by hand
 * @param untaggedExpireAfterDays days after which untagged cached images expire; null for no separate rule
 * @param imageTagMutability {@link TagMutability} as AWS spells it (kept as given, so that a typo can be reported)
 * @param repositoryTemplateRoleArn role ECR assumes to tag and encrypt the repositories it creates; may be null
 * @param kmsKeyArn KMS key for cache repositories; null uses AES256
 */
public record CacheSettings(
        boolean createRepositoryTemplates,
        Integer expireAfterDays,
        Integer untaggedExpireAfterDays,
        String imageTagMutability,
        String repositoryTemplateRoleArn,
        String kmsKeyArn,
        Map<String, String> repositoryTags) {
    public static final int DEFAULT_EXPIRE_AFTER_DAYS = 30;
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 3650;
    public static final String DAYS_PROBLEM =
            "must be a whole number of days from " + MIN_DAYS + " to " + MAX_DAYS + ", or null.";
    public static final String MUTABILITY_PROBLEM = "must be " + String.join(" or ", TagMutability.names()) + ".";
    public static final String TEMPLATE_ROLE_NEEDED = "repository_tags and kms_key_arn need repository_template_role_arn:"
            + " ECR assumes that role to tag and encrypt the repositories it creates. Set it to a role that trusts"
            + " ecr.amazonaws.com, or drop the tags and key.";
    private static final Pattern ROLE_ARN = Pattern.compile(ValidationMessages.ROLE_ARN_PATTERN);

    public CacheSettings {
        repositoryTags = repositoryTags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(repositoryTags));
    }

    /** The defaults: templates on, images expire after {@value #DEFAULT_EXPIRE_AFTER_DAYS} days, MUTABLE tags. */
    public static CacheSettings defaults() {
        return new CacheSettings(true, DEFAULT_EXPIRE_AFTER_DAYS, null, TagMutability.MUTABLE.name(), null, null, Map.of());
    }

    public CacheSettings withCreateRepositoryTemplates(boolean value) {
        return new CacheSettings(value, expireAfterDays, untaggedExpireAfterDays, imageTagMutability,
                repositoryTemplateRoleArn, kmsKeyArn, repositoryTags);
    }

    public CacheSettings withExpireAfterDays(Integer value) {
        return new CacheSettings(createRepositoryTemplates, value, untaggedExpireAfterDays, imageTagMutability,
                repositoryTemplateRoleArn, kmsKeyArn, repositoryTags);
    }

    public CacheSettings withUntaggedExpireAfterDays(Integer value) {
        return new CacheSettings(createRepositoryTemplates, expireAfterDays, value, imageTagMutability,
                repositoryTemplateRoleArn, kmsKeyArn, repositoryTags);
    }

    public CacheSettings withImageTagMutability(String value) {
        return new CacheSettings(createRepositoryTemplates, expireAfterDays, untaggedExpireAfterDays, value,
                repositoryTemplateRoleArn, kmsKeyArn, repositoryTags);
    }

    public CacheSettings withRepositoryTemplateRoleArn(String value) {
        return new CacheSettings(createRepositoryTemplates, expireAfterDays, untaggedExpireAfterDays,
                imageTagMutability, value, kmsKeyArn, repositoryTags);
    }

    public CacheSettings withKmsKeyArn(String value) {
        return new CacheSettings(createRepositoryTemplates, expireAfterDays, untaggedExpireAfterDays,
                imageTagMutability, repositoryTemplateRoleArn, value, repositoryTags);
    }

    public CacheSettings withRepositoryTags(Map<String, String> value) {
        return new CacheSettings(createRepositoryTemplates, expireAfterDays, untaggedExpireAfterDays,
                imageTagMutability, repositoryTemplateRoleArn, kmsKeyArn, value);
    }

    /** Every problem, one line each, in the order the module reports them; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        checkDays(problems, "expire_after_days", expireAfterDays);
        checkDays(problems, "untagged_expire_after_days", untaggedExpireAfterDays);
        if (TagMutability.parse(imageTagMutability).isEmpty()) {
            problems.add(mutabilityMessage(quote(imageTagMutability)));
        }
        if (repositoryTemplateRoleArn != null && !isRoleArn(repositoryTemplateRoleArn)) {
            problems.add(templateRoleMessage(quote(repositoryTemplateRoleArn)));
        }
        if (createRepositoryTemplates && repositoryTemplateRoleArn == null
                && (kmsKeyArn != null || !repositoryTags.isEmpty())) {
            problems.add(TEMPLATE_ROLE_NEEDED);
        }
        return problems;
    }

    /** This when valid; otherwise an exception naming every problem. */
    public CacheSettings requireValid() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return this;
    }

    private static void checkDays(List<String> problems, String name, Integer days) {
        if (days != null && (days < MIN_DAYS || days > MAX_DAYS)) {
            problems.add(daysMessage(name, String.valueOf(days)));
        }
    }

    /** Whether AWS takes the value as a role ARN: any partition, at most 2,048 characters. */
    public static boolean isRoleArn(String arn) {
        return arn.length() <= ValidationMessages.ROLE_ARN_MAX_LENGTH && ROLE_ARN.matcher(arn).matches();
    }

    /** {@code expire_after_days <value>: <problem>}; the value as JSON (a literal or a Terraform jsonencode). */
    public static String daysMessage(String name, String jsonValue) {
        return name + " " + jsonValue + ": " + DAYS_PROBLEM;
    }

    public static String mutabilityMessage(String jsonValue) {
        return "image_tag_mutability " + jsonValue + ": " + MUTABILITY_PROBLEM;
    }

    public static String templateRoleMessage(String jsonValue) {
        return "repository_template_role_arn " + jsonValue + ": " + ValidationMessages.ROLE_ARN_FORMAT + ".";
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** The lifecycle rules for literal settings: untagged first (priority 1), then any (priority 2). */
    public List<LifecycleRule> lifecycleRules() {
        List<LifecycleRule> rules = new ArrayList<>();
        if (untaggedExpireAfterDays != null) {
            rules.add(LifecycleRule.untagged(String.valueOf(untaggedExpireAfterDays)));
        }
        if (expireAfterDays != null) {
            rules.add(LifecycleRule.any(String.valueOf(expireAfterDays)));
        }
        return rules;
    }

    /**
     * Terraform's AWS provider refuses a creation template description over 255 characters at plan time, one less
     * than the ECR API's 256 (docs/DOMAIN.md, "Where the provider is stricter than AWS"): descriptions are cut there.
     */
    public static final int MAX_DESCRIPTION_LENGTH = 255;

    /** The description of a rule's creation template, at most {@value #MAX_DESCRIPTION_LENGTH} characters. */
    public static String templateDescription(String ruleKey, String upstreamRegistryUrl) {
        String full = untrimmedDescription(ruleKey, upstreamRegistryUrl);
        return full.length() <= MAX_DESCRIPTION_LENGTH ? full : full.substring(0, MAX_DESCRIPTION_LENGTH);
    }

    /** The description before the cut; parts may be interpolations (the module cuts it with substr). */
    public static String untrimmedDescription(String ruleKey, String upstreamRegistryUrl) {
        return "Pull-through cache of " + upstreamRegistryUrl + " (rule " + ruleKey + ")";
    }
}
