package dev.pullthrough.module;

import dev.pullthrough.testing.terraform.InputSet;

import java.util.List;
import java.util.Map;

/**
 * Realistic inputs per generated module, as a user would pass them. Every set gives account_id/region/partition (or
 * whatever makes the module need no data source), so plans run offline without any AWS call.
 */
final class ModuleInputSets {
    static final String ACCOUNT = "123456789012";

    private ModuleInputSets() {
    }

    /** The input sets of a module by its name; every module of the docs/ARCHITECTURE.md table has some. */
    static List<InputSet> forModule(String module) {
        return switch (module) {
            case GeneratedModulePaths.ENDPOINTS -> endpoints();
            case GeneratedModulePaths.CACHE -> cache();
            case GeneratedModulePaths.ACCESS -> access();
            case GeneratedModulePaths.RUNNER -> runner();
            default -> throw new IllegalArgumentException("no input sets for module " + module);
        };
    }

    static final String DOCKER_HUB_SECRET =
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf";
    static final String GHCR_SECRET =
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/ghcr-AbCdEf";

    static Map<String, Object> rule(String prefix, String upstream) {
        return Map.of("ecr_repository_prefix", prefix, "upstream_registry_url", upstream);
    }

    static Map<String, Object> rule(String prefix, String upstream, String credentialArn) {
        return Map.of("ecr_repository_prefix", prefix, "upstream_registry_url", upstream, "credential_arn", credentialArn);
    }

    static Map<String, Object> coordinates() {
        return Map.of("account_id", ACCOUNT, "region", "us-east-1", "partition", "aws");
    }

    /** Rules as the cache module takes them: Docker Hub with its secret, keyless upstreams, ECR-to-ECR, ROOT. */
    static List<InputSet> cache() {
        return List.of(
                InputSet.of("docker-hub-with-credential", coordinates()).with("rules",
                        Map.of("docker_hub", rule("docker-hub", "registry-1.docker.io", DOCKER_HUB_SECRET))),
                InputSet.of("keyless-upstreams-no-templates", coordinates()).with("rules", Map.of(
                                "ecr_public", rule("ecr-public", "public.ecr.aws"),
                                "quay", rule("quay", "quay.io"),
                                "k8s", rule("k8s", "registry.k8s.io"),
                                "ghcr", rule("ghcr", "ghcr.io", GHCR_SECRET)))
                        .with("create_repository_templates", false),
                InputSet.of("ecr-to-ecr-encrypted-templates", coordinates()).with("rules", Map.of(
                                "team_a", Map.of("ecr_repository_prefix", "team-a",
                                        "upstream_registry_url", "210987654321.dkr.ecr.eu-west-1.amazonaws.com",
                                        "upstream_repository_prefix", "shared",
                                        "custom_role_arn", "arn:aws:iam::123456789012:role/ecr-pull-through-team-a")))
                        .with("expire_after_days", 14).with("untagged_expire_after_days", 1)
                        .with("kms_key_arn", "arn:aws:kms:us-east-1:123456789012:key/00000000-1111-2222-3333-444444444444")
                        .with("repository_template_role_arn", "arn:aws:iam::123456789012:role/ecr-template")
                        .with("repository_tags", Map.of("cost-center", "ci")),
                InputSet.of("shared-with-organization-and-account", coordinates()).with("rules", Map.of(
                                "ecr_public", rule("ecr-public", "public.ecr.aws"),
                                "quay", rule("quay", "quay.io")))
                        .with("share_with", Map.of("organization_ids", List.of("o-a1b2c3d4e5"),
                                "organizational_unit_paths", List.of("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"),
                                "account_ids", List.of("210987654321"))),
                InputSet.of("root-rule-never-expires", coordinates()).with("region", "eu-central-1").with("rules",
                                Map.of("everything", rule("ROOT", "public.ecr.aws")))
                        .with("expire_after_days", null));
    }

    /** Rule maps in the RunsOn shape (no credentials), as the access and runner modules take them. */
    static final Map<String, Map<String, Object>> RUNS_ON_RULES = Map.of(
            "docker-hub-named", Map.of("docker_hub", rule("docker-hub", "registry-1.docker.io")),
            // Values are trimmed and a trailing slash does not make another prefix, in Terraform as in Java.
            "many-upstreams-untrimmed", Map.of(
                    "ecr_public", rule(" ecr-public ", "public.ecr.aws"),
                    "quay", rule("team-a/quay/", "quay.io"),
                    "k8s", rule("k8s", " registry.k8s.io"),
                    "platform", Map.of("ecr_repository_prefix", "platform",
                            "upstream_registry_url", "210987654321.dkr.ecr.eu-west-1.amazonaws.com",
                            "upstream_repository_prefix", "base-images")),
            "root-rule", Map.of("everything", rule("ROOT", "registry-1.docker.io"),
                    "quay", rule("quay", "quay.io")),
            "no-rules", Map.of());

    static List<InputSet> access() {
        return List.of(
                InputSet.of("docker-hub-named", coordinates())
                        .with("ecr_pull_through_cache_rules", RUNS_ON_RULES.get("docker-hub-named"))
                        .with("role_names", List.of("ci-runner")),
                InputSet.of("many-upstreams-untrimmed", coordinates()).with("region", "eu-west-1")
                        .with("ecr_pull_through_cache_rules", RUNS_ON_RULES.get("many-upstreams-untrimmed"))
                        .with("role_names", List.of("ci-runner-x64", "ci-runner-arm64"))
                        .with("policy_name", "runners-pull").with("tags", Map.of("team", "ci")),
                InputSet.of("root-rule", coordinates())
                        .with("ecr_pull_through_cache_rules", RUNS_ON_RULES.get("root-rule")),
                InputSet.of("hub-registry-of-a-shared-cache", coordinates())
                        .with("registry_account_id", "210987654321").with("registry_region", "eu-west-1")
                        .with("ecr_pull_through_cache_rules", RUNS_ON_RULES.get("many-upstreams-untrimmed")),
                InputSet.of("no-rules-policy-json-only", coordinates())
                        .with("ecr_pull_through_cache_rules", RUNS_ON_RULES.get("no-rules"))
                        .with("create_policy", false));
    }

    static List<InputSet> runner() {
        return List.of(
                InputSet.of("docker-hub-named", coordinates())
                        .with("ecr_pull_through_cache_rules", RUNS_ON_RULES.get("docker-hub-named")),
                InputSet.of("many-upstreams-with-policy", coordinates()).with("region", "eu-west-1")
                        .with("ecr_pull_through_cache_rules", RUNS_ON_RULES.get("many-upstreams-untrimmed"))
                        .with("create_policy", true).with("role_names", List.of("ci-runner")),
                InputSet.of("root-rule", coordinates())
                        .with("ecr_pull_through_cache_rules", RUNS_ON_RULES.get("root-rule")),
                InputSet.of("no-rules", coordinates())
                        .with("ecr_pull_through_cache_rules", RUNS_ON_RULES.get("no-rules")),
                InputSet.of("hub-registry-of-a-shared-cache", coordinates())
                        .with("registry_account_id", "210987654321").with("registry_region", "eu-west-1")
                        .with("ecr_pull_through_cache_rules", RUNS_ON_RULES.get("docker-hub-named")));
    }

    static List<InputSet> endpoints() {
        Map<String, Object> vpc = Map.of(
                "vpc_id", "vpc-0123456789abcdef0",
                "subnet_ids", List.of("subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"),
                "route_table_ids", List.of("rtb-0aaaaaaaaaaaaaaaa"),
                "ingress_cidr_blocks", List.of("10.20.0.0/16"),
                "region", "us-east-1",
                "partition", "aws");
        return List.of(
                InputSet.of("all-endpoints", vpc).with("tags", Map.of("team", "ci")),
                InputSet.of("china-own-security-group", vpc).with("region", "cn-north-1").with("partition", "aws-cn")
                        .with("create_security_group", false).with("security_group_ids", List.of("sg-0123456789abcdef0")),
                InputSet.of("s3-gateway-only", vpc).with("create_ecr_api_endpoint", false)
                        .with("create_ecr_dkr_endpoint", false));
    }
}
