package dev.pullthrough.module;

import static dev.pullthrough.module.RuleCase.rule;

import dev.pullthrough.model.UpstreamKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule maps the generated test suites use: a valid set covering every kind of upstream, and one invalid map per
 * validation rule (each breaks exactly one rule).
 */
public final class RuleCases {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final String DOCKER_HUB_SECRET =
            "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:ecr-pullthroughcache/docker-hub-AbCdEf";
    static final String GITHUB_SECRET =
            "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:ecr-pullthroughcache/ghcr-AbCdEf";
    static final String UPSTREAM_ECR = "210987654321.dkr.ecr." + REGION + ".amazonaws.com";
    static final String UPSTREAM_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/ecr-pull-through-upstream";

    private RuleCases() {
    }

    /** Rules a platform team would write: every field in use, every credential where AWS requires one. */
    public static RuleCase validCreate() {
        Map<String, Map<String, String>> rules = new LinkedHashMap<>();
        rules.put("docker_hub", rule("ecr_repository_prefix", "docker-hub", "upstream_registry_url", "registry-1.docker.io",
                "credential_arn", DOCKER_HUB_SECRET));
        rules.put("ecr_public", rule("ecr_repository_prefix", "ecr-public", "upstream_registry_url", "public.ecr.aws"));
        rules.put("ghcr", rule("ecr_repository_prefix", "ghcr", "upstream_registry_url", "ghcr.io", "credential_arn", GITHUB_SECRET));
        rules.put("k8s", rule("ecr_repository_prefix", "k8s", "upstream_registry_url", "registry.k8s.io"));
        rules.put("platform", rule("ecr_repository_prefix", "platform", "upstream_registry_url", UPSTREAM_ECR,
                "upstream_repository_prefix", "base-images", "custom_role_arn", UPSTREAM_ROLE));
        return new RuleCase("valid", "every kind of field in use", rules, true);
    }

    /** RunsOn-shaped rules referring to existing rules (no credential fields). */
    public static RuleCase validExisting() {
        Map<String, Map<String, String>> rules = new LinkedHashMap<>();
        rules.put("docker_hub", rule("ecr_repository_prefix", "docker-hub", "upstream_registry_url", "registry-1.docker.io"));
        rules.put("ecr_public", rule("ecr_repository_prefix", "ecr-public", "upstream_registry_url", "public.ecr.aws",
                "upstream_repository_prefix", ""));
        rules.put("quay", rule("ecr_repository_prefix", "quay", "upstream_registry_url", "quay.io"));
        return new RuleCase("valid_existing", "RunsOn's shape", rules, false);
    }

    /** One case per validation rule; {@code credentialFields} ones apply to the cache module only. */
    public static List<RuleCase> invalid() {
        List<RuleCase> cases = new ArrayList<>();
        cases.add(prefixAndUpstream("docker_io_typo", "docker.io is the image name prefix, not the registry", "docker-hub", "docker.io"));
        cases.add(prefixAndUpstream("unknown_upstream", "a registry ECR cannot cache", "internal", "registry.example.com"));
        cases.add(prefixAndUpstream("upstream_with_scheme", "a URL, not a host", "quay", "https://quay.io/"));
        cases.add(prefixAndUpstream("malformed_ecr_host", "an 11-digit account", "platform", "21098765432.dkr.ecr.eu-west-1.amazonaws.com"));
        cases.add(prefixAndUpstream("missing_upstream", "blank upstream", "quay", " "));
        cases.add(prefixAndUpstream("missing_prefix", "blank prefix", "  ", "quay.io"));
        cases.add(prefixAndUpstream("prefix_too_short", "one character", "q", "quay.io"));
        cases.add(prefixAndUpstream("prefix_too_long", "31 characters", "a-very-long-prefix-for-the-quay", "quay.io"));
        cases.add(prefixAndUpstream("prefix_pattern", "upper case and underscores at the edge", "Docker_Hub", "public.ecr.aws"));
        Map<String, Map<String, String>> duplicates = new LinkedHashMap<>();
        duplicates.put("hub_a", rule("ecr_repository_prefix", "mirror", "upstream_registry_url", "public.ecr.aws"));
        duplicates.put("hub_b", rule("ecr_repository_prefix", " mirror/ ", "upstream_registry_url", "quay.io"));
        cases.add(new RuleCase("duplicate_prefix", "the same prefix once trimmed and without its trailing slash", duplicates, false));
        cases.add(one("upstream_prefix_with_root", "ROOT takes no upstream prefix",
                rule("ecr_repository_prefix", "ROOT", "upstream_registry_url", UPSTREAM_ECR, "upstream_repository_prefix", "base")));
        cases.add(one("upstream_prefix_not_ecr", "upstream prefixes are for ECR-to-ECR rules",
                rule("ecr_repository_prefix", "quay", "upstream_registry_url", "quay.io", "upstream_repository_prefix", "coreos")));
        cases.add(one("upstream_prefix_pattern", "an upstream prefix must be well-formed",
                rule("ecr_repository_prefix", "platform", "upstream_registry_url", UPSTREAM_ECR, "upstream_repository_prefix", "Base")));
        Map<String, Map<String, String>> blankKey = new LinkedHashMap<>();
        blankKey.put(" ", rule("ecr_repository_prefix", "quay", "upstream_registry_url", "quay.io"));
        cases.add(new RuleCase("blank_key", "a rule key of spaces", blankKey, false));
        Map<String, Map<String, String>> many = new LinkedHashMap<>();
        for (int i = 1; i <= 51; i++) {
            many.put(String.format(java.util.Locale.ROOT, "rule_%02d", i), rule("ecr_repository_prefix", String.format(java.util.Locale.ROOT, "cache-%02d", i),
                    "upstream_registry_url", "public.ecr.aws"));
        }
        cases.add(new RuleCase("too_many_rules", "51 rules, one over the quota", many, false));

        for (UpstreamKind kind : UpstreamKind.values()) {
            if (kind.credentialRequired()) {
                cases.add(credential(kind.name().toLowerCase(java.util.Locale.ROOT) + "_without_credential",
                        kind.displayName() + " requires a credential",
                        rule("ecr_repository_prefix", "cache", "upstream_registry_url", exampleUrl(kind))));
            }
        }
        cases.add(credential("docker_io_typo_without_credential", "both problems at once",
                rule("ecr_repository_prefix", "docker-hub", "upstream_registry_url", "docker.io")));
        cases.add(credential("credential_outside_ecr_pullthroughcache", "the secret name lacks the prefix AWS requires",
                rule("ecr_repository_prefix", "docker-hub", "upstream_registry_url", "registry-1.docker.io",
                        "credential_arn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dockerhub-credentials-AbCdEf")));
        cases.add(credential("custom_role_not_ecr", "custom roles are for ECR-to-ECR rules",
                rule("ecr_repository_prefix", "quay", "upstream_registry_url", "quay.io", "custom_role_arn", UPSTREAM_ROLE)));
        cases.add(credential("custom_role_malformed", "not an IAM role ARN",
                rule("ecr_repository_prefix", "platform", "upstream_registry_url", UPSTREAM_ECR,
                        "custom_role_arn", "ecr-pull-through-upstream")));
        return cases;
    }

    /** A URL of each upstream kind, for examples and tests. */
    public static String exampleUrl(UpstreamKind kind) {
        return switch (kind) {
            case AZURE -> "pullthroughdemo.azurecr.io";
            case ECR -> UPSTREAM_ECR;
            default -> kind.urlForm();
        };
    }

    /** A rule with only its two required attributes. */
    private static RuleCase prefixAndUpstream(String name, String about, String prefix, String upstream) {
        return one(name, about, rule("ecr_repository_prefix", prefix, "upstream_registry_url", upstream));
    }

    private static RuleCase one(String name, String about, Map<String, String> rule) {
        return new RuleCase(name, about, Map.of("cache", rule), false);
    }

    private static RuleCase credential(String name, String about, Map<String, String> rule) {
        return new RuleCase(name, about, Map.of("cache", rule), true);
    }
}
