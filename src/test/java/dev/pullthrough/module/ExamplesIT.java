package dev.pullthrough.module;

import dev.pullthrough.testing.terraform.PlanAssert;
import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformPlan;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullthrough.iam.EcrActions;
import dev.pullthrough.iam.RunnerPolicy;
import dev.pullthrough.iam.SharedCachePolicies;
import dev.pullthrough.model.ShareWith;
import dev.pullthrough.testing.iam.PolicyEvaluator;
import dev.pullthrough.testing.iam.PolicyEvaluator.Caller;
import dev.pullthrough.model.ArnScope;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.testing.terraform.PolicySemantics;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every folder under examples/ is a test: copied as it is (with the modules it sources), planned offline with the
 * real AWS provider and given account/region/partition, and its plan asserted - resource addresses, the policy's
 * statements and resources, the runner environment.
 */
class ExamplesIT {
    /** The Terraform examples this class plans; ExamplesLayoutTest fails when a folder is added without a test. */
    static final java.util.Set<String> PLANNED = java.util.Set.of("docker-hub", "multi-upstream", "private-subnets",
            "org-hub/hub", "org-hub/spoke");

    private static TerraformOptions.Builder example(String name) {
        return TerraformOptions.builder(TerraformOptions.projectDirFromSystemProperty(), "examples/" + name);
    }

    private static final String ACCOUNT = "123456789012";
    private static final String HOST = ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com";
    private static final String REPOSITORIES = "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/";

    @Test
    void dockerHub_plansSecretRuleTemplateRoleAndScopedPolicy() {
        try (TerraformWorkspace ws = TerraformWorkspace.create(example("docker-hub")
                .variable("account_id", ACCOUNT).variable("region", "us-east-1").variable("partition", "aws").build())) {
            ws.fmtCheck();
            TerraformPlan plan = ws.initAndPlan();
            String rule = "module.cache.aws_ecr_pull_through_cache_rule.this[\"docker_hub\"]";
            String template = "module.cache.aws_ecr_repository_creation_template.this[\"docker_hub\"]";
            PlanAssert.assertThat(plan).hasExactlyResources(
                            "aws_secretsmanager_secret.docker_hub",
                            "aws_iam_role.runner",
                            rule,
                            template,
                            "module.runner.aws_iam_policy.this[0]",
                            "module.runner.aws_iam_role_policy_attachment.this[\"ci-runner\"]")
                    .attributeEquals("aws_secretsmanager_secret.docker_hub", "name", "ecr-pullthroughcache/docker-hub")
                    .attributeEquals(rule, "ecr_repository_prefix", "docker-hub")
                    .attributeEquals(rule, "upstream_registry_url", "registry-1.docker.io")
                    // The secret is created in the same apply: its ARN reaches the rule at apply time.
                    .attributeUnknownAfterApply(rule, "credential_arn")
                    .attributeEquals(template, "prefix", "docker-hub")
                    .attributeEquals(template, "applied_for", List.of("PULL_THROUGH_CACHE"))
                    .attributeEquals("module.runner.aws_iam_role_policy_attachment.this[\"ci-runner\"]", "role", "ci-runner")
                    .outputEquals("registry_host", HOST)
                    .outputEquals("runner_environment", Map.of(
                            "RUNS_ON_ECR_PULL_THROUGH_CACHE", HOST,
                            "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_MIRROR", "true",
                            "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_PREFIX", "docker-hub"));
            // Never a secret value in configuration or state.
            assertThat(plan.resourcesOfType("aws_secretsmanager_secret_version")).isEmpty();

            JsonNode lifecycle = plan.resource(template).attribute("lifecycle_policy").parsedJson();
            assertThat(lifecycle.at("/rules/0/selection/countNumber").asInt()).as("cached images expire").isEqualTo(30);
            assertThat(lifecycle.at("/rules/0/action/type").asText()).isEqualTo("expire");

            String policy = plan.resource("module.runner.aws_iam_policy.this[0]").attribute("policy").text();
            var grants = PolicySemantics.grantsBySid(policy);
            assertThat(grants.keySet()).containsExactly(RunnerPolicy.SID_AUTH, RunnerPolicy.SID_IMPORT, RunnerPolicy.SID_PULL);
            assertThat(grants.get(RunnerPolicy.SID_AUTH).resources()).containsExactly("*");
            assertThat(grants.get(RunnerPolicy.SID_AUTH).actions()).containsExactly("ecr:GetAuthorizationToken");
            assertThat(grants.get(RunnerPolicy.SID_PULL).resources()).containsExactly(REPOSITORIES + "docker-hub/*");
            assertThat(grants.get(RunnerPolicy.SID_IMPORT).resources()).containsExactly(REPOSITORIES + "docker-hub/*");
            assertThat(policy).doesNotContain("ecr:*", "CreatePullThroughCacheRule", "repository/*\"");
            PolicySemantics.assertEquivalent("examples/docker-hub runner policy",
                    RunnerPolicy.from(RuleSet.of(List.of(PullThroughRule.builder("docker_hub")
                                    .ecrRepositoryPrefix("docker-hub").upstreamRegistryUrl("registry-1.docker.io").build())),
                            new ArnScope("aws", "us-east-1", ACCOUNT)).toJson(),
                    policy);
            PolicySemantics.assertEquivalent("examples/docker-hub runner_policy_json output", policy,
                    plan.output("runner_policy_json").text());
        }
    }

    @Test
    void multiUpstream_sixRulesExpiringTemplatesAndOnePolicyForAllPrefixes() {
        String upstream = "210987654321.dkr.ecr.eu-west-1.amazonaws.com";
        try (TerraformWorkspace ws = TerraformWorkspace.create(example("multi-upstream")
                .variable("account_id", ACCOUNT).variable("region", "us-east-1").variable("partition", "aws")
                .variable("upstream_ecr_registry", upstream)
                .variable("runner_role_names", List.of("ci-runner-x64", "ci-runner-arm64")).build())) {
            ws.fmtCheck();
            TerraformPlan plan = ws.initAndPlan();
            List<String> keys = List.of("docker_hub", "ecr_public", "ghcr", "quay", "k8s", "platform");
            List<String> expected = new java.util.ArrayList<>(List.of(
                    "aws_secretsmanager_secret.upstream[\"docker-hub\"]",
                    "aws_secretsmanager_secret.upstream[\"ghcr\"]",
                    "aws_iam_role.ecr_upstream",
                    "aws_iam_role_policy.ecr_upstream",
                    "module.access.aws_iam_policy.this[0]",
                    "module.access.aws_iam_role_policy_attachment.this[\"ci-runner-x64\"]",
                    "module.access.aws_iam_role_policy_attachment.this[\"ci-runner-arm64\"]"));
            for (String key : keys) {
                expected.add("module.cache.aws_ecr_pull_through_cache_rule.this[\"" + key + "\"]");
                expected.add("module.cache.aws_ecr_repository_creation_template.this[\"" + key + "\"]");
            }
            PlanAssert.assertThat(plan).hasExactlyResources(expected.toArray(String[]::new));

            Map<String, String> upstreams = Map.of("docker_hub", "registry-1.docker.io", "ecr_public", "public.ecr.aws",
                    "ghcr", "ghcr.io", "quay", "quay.io", "k8s", "registry.k8s.io", "platform", upstream);
            upstreams.forEach((key, url) -> PlanAssert.assertThat(plan)
                    .attributeEquals("module.cache.aws_ecr_pull_through_cache_rule.this[\"" + key + "\"]",
                            "upstream_registry_url", url));
            String platform = "module.cache.aws_ecr_pull_through_cache_rule.this[\"platform\"]";
            PlanAssert.assertThat(plan)
                    .attributeEquals(platform, "upstream_repository_prefix", "base-images")
                    .attributeUnknownAfterApply(platform, "custom_role_arn")
                    .attributeUnknownAfterApply("module.cache.aws_ecr_pull_through_cache_rule.this[\"ghcr\"]", "credential_arn")
                    .attributeEquals("aws_iam_role.ecr_upstream", "name", "ecr-pull-through-upstream");
            assertThat(PolicySemantics.canonical(plan.resource("aws_iam_role.ecr_upstream")
                    .attribute("assume_role_policy").text()).toString())
                    .contains("pullthroughcache.ecr.amazonaws.com");

            JsonNode lifecycle = plan.resource("module.cache.aws_ecr_repository_creation_template.this[\"quay\"]")
                    .attribute("lifecycle_policy").parsedJson();
            assertThat(lifecycle.at("/rules/0/selection/tagStatus").asText()).isEqualTo("untagged");
            assertThat(lifecycle.at("/rules/0/selection/countNumber").asInt()).isEqualTo(1);
            assertThat(lifecycle.at("/rules/1/selection/tagStatus").asText()).isEqualTo("any");
            assertThat(lifecycle.at("/rules/1/selection/countNumber").asInt()).isEqualTo(14);

            String policy = plan.resource("module.access.aws_iam_policy.this[0]").attribute("policy").text();
            var grants = PolicySemantics.grantsBySid(policy);
            Map<String, String> prefixOf = Map.of("docker_hub", "docker-hub", "ecr_public", "ecr-public", "ghcr", "ghcr",
                    "quay", "quay", "k8s", "k8s", "platform", "platform");
            List<String> prefixes = prefixOf.values().stream().sorted().toList();
            assertThat(grants.get(RunnerPolicy.SID_PULL).resources())
                    .containsExactlyElementsOf(prefixes.stream().map(p -> REPOSITORIES + p + "/*").toList());
            assertThat(grants.get(RunnerPolicy.SID_IMPORT).resources())
                    .isEqualTo(grants.get(RunnerPolicy.SID_PULL).resources());
            assertThat(policy).doesNotContain("repository/*\"", "ecr:*", "CreatePullThroughCacheRule");
            PolicySemantics.assertEquivalent("examples/multi-upstream access policy",
                    RunnerPolicy.from(RuleSet.of(keys.stream().map(k -> PullThroughRule.builder(k)
                                    .ecrRepositoryPrefix(prefixOf.get(k)).upstreamRegistryUrl(upstreams.get(k)).build())
                                    .toList()),
                            new ArnScope("aws", "us-east-1", ACCOUNT)).toJson(),
                    policy);

            PlanAssert.assertThat(plan)
                    .outputEquals("runner_environment", Map.of(
                            "RUNS_ON_ECR_PULL_THROUGH_CACHE", HOST,
                            "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_MIRROR", "true",
                            "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_PREFIX", "docker-hub"))
                    .outputEquals("repository_url_prefixes", Map.of(
                            "docker_hub", HOST + "/docker-hub", "ecr_public", HOST + "/ecr-public", "ghcr", HOST + "/ghcr",
                            "quay", HOST + "/quay", "k8s", HOST + "/k8s", "platform", HOST + "/platform"))
                    .outputUnknownAfterApply("policy_arn");
        }
    }

    @Test
    void privateSubnets_plansVpcEndpointsCacheAndRunnerEnvironment() {
        try (TerraformWorkspace ws = TerraformWorkspace.create(example("private-subnets")
                .variable("account_id", ACCOUNT).variable("region", "eu-west-1").variable("partition", "aws").build())) {
            ws.fmtCheck();
            TerraformPlan plan = ws.initAndPlan();
            PlanAssert.assertThat(plan).hasExactlyResources(
                    "aws_vpc.runners",
                    "aws_subnet.private[\"eu-west-1a\"]",
                    "aws_subnet.private[\"eu-west-1b\"]",
                    "aws_route_table.private",
                    "aws_route_table_association.private[\"eu-west-1a\"]",
                    "aws_route_table_association.private[\"eu-west-1b\"]",
                    "module.endpoints.aws_security_group.this[0]",
                    "module.endpoints.aws_security_group_rule.https[0]",
                    "module.endpoints.aws_vpc_endpoint.interface[\"ecr.api\"]",
                    "module.endpoints.aws_vpc_endpoint.interface[\"ecr.dkr\"]",
                    "module.endpoints.aws_vpc_endpoint.s3[0]",
                    "module.cache.aws_ecr_pull_through_cache_rule.this[\"ecr_public\"]",
                    "module.cache.aws_ecr_pull_through_cache_rule.this[\"k8s\"]",
                    "module.cache.aws_ecr_repository_creation_template.this[\"ecr_public\"]",
                    "module.cache.aws_ecr_repository_creation_template.this[\"k8s\"]")
                    .attributeEquals("aws_vpc.runners", "enable_dns_hostnames", true)
                    .attributeEquals("aws_subnet.private[\"eu-west-1b\"]", "cidr_block", "10.20.16.0/20")
                    .attributeEquals("module.endpoints.aws_vpc_endpoint.interface[\"ecr.dkr\"]", "service_name",
                            "com.amazonaws.eu-west-1.ecr.dkr")
                    .attributeEquals("module.endpoints.aws_vpc_endpoint.interface[\"ecr.dkr\"]", "private_dns_enabled", true)
                    .attributeEquals("module.endpoints.aws_vpc_endpoint.interface[\"ecr.api\"]", "vpc_endpoint_type", "Interface")
                    .attributeEquals("module.endpoints.aws_vpc_endpoint.s3[0]", "service_name", "com.amazonaws.eu-west-1.s3")
                    .attributeEquals("module.endpoints.aws_vpc_endpoint.s3[0]", "vpc_endpoint_type", "Gateway")
                    .attributeEquals("module.endpoints.aws_security_group_rule.https[0]", "cidr_blocks", List.of("10.20.0.0/16"))
                    .attributeEquals("module.endpoints.aws_security_group_rule.https[0]", "from_port", 443)
                    // The subnets and route table do not exist yet: their ids reach the endpoints only at apply.
                    .attributeUnknownAfterApply("module.endpoints.aws_vpc_endpoint.s3[0]", "route_table_ids")
                    .outputUnknownAfterApply("vpc_id")
                    // No Docker Hub rule: no transparent mirror, explicit <host>/<prefix>/<image> references only.
                    .outputEquals("runner_environment",
                            Map.of("RUNS_ON_ECR_PULL_THROUGH_CACHE", ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com"));
            assertThat(plan.output("endpoint_ids").isFullyKnown()).isFalse();
            var grants = PolicySemantics.grantsBySid(plan.output("runner_policy_json").text());
            assertThat(grants.get(RunnerPolicy.SID_PULL).resources()).containsExactly(
                    "arn:aws:ecr:eu-west-1:" + ACCOUNT + ":repository/ecr-public/*",
                    "arn:aws:ecr:eu-west-1:" + ACCOUNT + ":repository/k8s/*");
        }
    }

    private static final String HUB = "111111111111";
    private static final String SPOKE = "222222222222";
    private static final String OUTSIDER = "333333333333";
    private static final String ORGANIZATION = "o-a1b2c3d4e5";
    private static final String OU_PATH = ORGANIZATION + "/r-ab12/ou-ab12-11111111/*";
    private static final String HUB_REGION = "eu-west-1";
    private static final String HUB_REPOSITORIES = "arn:aws:ecr:" + HUB_REGION + ":" + HUB + ":repository/";
    private static final List<String> PREFIXES = List.of("docker-hub", "ecr-public", "quay");

    /** The hub's and the spoke's rules, as the example writes them (the spoke gets them without credentials). */
    private static RuleSet orgHubRules() {
        return RuleSet.of(
                PullThroughRule.builder("docker_hub").ecrRepositoryPrefix("docker-hub").upstreamRegistryUrl("registry-1.docker.io").build(),
                PullThroughRule.builder("ecr_public").ecrRepositoryPrefix("ecr-public").upstreamRegistryUrl("public.ecr.aws").build(),
                PullThroughRule.builder("quay").ecrRepositoryPrefix("quay").upstreamRegistryUrl("quay.io").build());
    }

    /**
     * Both roots of examples/org-hub planned as written; then the planned policies decide, through the test IAM
     * evaluator, what a spoke runner (its identity policy from the spoke plan, the hub's resource policies from the
     * hub plan) and strangers may do.
     */
    @Test
    void orgHub_hubSharesOnlyTheCachedPrefixesAndTheSpokePullsThroughTheHub() {
        String registryPolicy;
        String repositoryPolicy;
        try (TerraformWorkspace ws = TerraformWorkspace.create(example("org-hub/hub")
                .variable("account_id", HUB).variable("region", HUB_REGION).variable("partition", "aws")
                .variable("organization_id", ORGANIZATION).variable("organizational_unit_paths", List.of(OU_PATH))
                .variable("spoke_account_ids", List.of(SPOKE)).build())) {
            ws.fmtCheck();
            TerraformPlan plan = ws.initAndPlan();
            List<String> expected = new java.util.ArrayList<>(List.of("aws_secretsmanager_secret.docker_hub",
                    "module.cache.aws_ecr_registry_policy.this[0]"));
            for (String key : List.of("docker_hub", "ecr_public", "quay")) {
                expected.add("module.cache.aws_ecr_pull_through_cache_rule.this[\"" + key + "\"]");
                expected.add("module.cache.aws_ecr_repository_creation_template.this[\"" + key + "\"]");
            }
            PlanAssert.assertThat(plan).hasExactlyResources(expected.toArray(String[]::new))
                    .outputEquals("registry_account_id", HUB)
                    .outputEquals("registry_region", HUB_REGION)
                    .outputEquals("registry_host", HUB + ".dkr.ecr." + HUB_REGION + ".amazonaws.com");

            registryPolicy = plan.resource("module.cache.aws_ecr_registry_policy.this[0]").attribute("policy").text();
            JsonNode registry = PolicySemantics.canonical(registryPolicy);
            List<String> resources = PREFIXES.stream().map(p -> HUB_REPOSITORIES + p + "/*").toList();
            List<String> firstPull = List.of("ecr:BatchImportUpstreamImage", "ecr:CreateRepository");
            assertThat(registry.get("Statement")).hasSize(3);
            assertStatement(registry, "SharedCacheFirstPullAccounts", List.of("arn:aws:iam::" + SPOKE + ":root"),
                    firstPull, resources, null);
            assertStatement(registry, "SharedCacheFirstPullOrganizations", List.of("*"), firstPull, resources,
                    "{\"StringEquals\":{\"aws:PrincipalOrgID\":[\"" + ORGANIZATION + "\"]}}");
            assertStatement(registry, "SharedCacheFirstPullOrganizationalUnits", List.of("*"), firstPull, resources,
                    "{\"ForAnyValue:StringLike\":{\"aws:PrincipalOrgPaths\":[\"" + OU_PATH + "\"]}}");
            ShareWith share = ShareWith.of(List.of(ORGANIZATION), List.of(OU_PATH), List.of(SPOKE));
            PolicySemantics.assertEquivalent("examples/org-hub/hub registry policy",
                    SharedCachePolicies.registryPolicy(orgHubRules(), share, new ArnScope("aws", HUB_REGION, HUB)).toJson(),
                    registryPolicy);
            PolicySemantics.assertEquivalent("examples/org-hub/hub registry_policy_json output", registryPolicy,
                    plan.output("registry_policy_json").text());

            repositoryPolicy = plan.resource("module.cache.aws_ecr_repository_creation_template.this[\"quay\"]")
                    .attribute("repository_policy").text();
            JsonNode repository = PolicySemantics.canonical(repositoryPolicy);
            List<String> pull = List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");
            assertStatement(repository, "SharedCachePullAccounts", List.of("arn:aws:iam::" + SPOKE + ":root"), pull, List.of(), null);
            assertStatement(repository, "SharedCachePullOrganizations", List.of("*"), pull, List.of(),
                    "{\"StringEquals\":{\"aws:PrincipalOrgID\":[\"" + ORGANIZATION + "\"]}}");
            assertStatement(repository, "SharedCachePullOrganizationalUnits", List.of("*"), pull, List.of(),
                    "{\"ForAnyValue:StringLike\":{\"aws:PrincipalOrgPaths\":[\"" + OU_PATH + "\"]}}");
            PolicySemantics.assertEquivalent("examples/org-hub/hub repository policy",
                    SharedCachePolicies.repositoryPolicy(share, "aws").toJson(), repositoryPolicy);
            for (String key : List.of("docker_hub", "ecr_public")) {
                assertThat(plan.resource("module.cache.aws_ecr_repository_creation_template.this[\"" + key + "\"]")
                        .attribute("repository_policy").text()).as("every template carries it").isEqualTo(repositoryPolicy);
            }
            assertThat(registryPolicy + repositoryPolicy).doesNotContain("ecr:*", "repository/*\"", "CreatePullThroughCacheRule");
        }

        String spokePolicy;
        try (TerraformWorkspace ws = TerraformWorkspace.create(example("org-hub/spoke")
                .variable("hub_account_id", HUB).variable("hub_region", HUB_REGION).variable("partition", "aws").build())) {
            ws.fmtCheck();
            TerraformPlan plan = ws.initAndPlan();
            PlanAssert.assertThat(plan).hasExactlyResources(
                            "aws_iam_role.runner",
                            "module.runner.aws_iam_policy.this[0]",
                            "module.runner.aws_iam_role_policy_attachment.this[\"ci-runner\"]")
                    .outputEquals("runner_environment", Map.of(
                            "RUNS_ON_ECR_PULL_THROUGH_CACHE", HUB + ".dkr.ecr." + HUB_REGION + ".amazonaws.com",
                            "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_MIRROR", "true",
                            "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_PREFIX", "docker-hub"));
            spokePolicy = plan.resource("module.runner.aws_iam_policy.this[0]").attribute("policy").text();
            var grants = PolicySemantics.grantsBySid(spokePolicy);
            List<String> hubArns = PREFIXES.stream().map(p -> HUB_REPOSITORIES + p + "/*").toList();
            assertThat(grants.get(RunnerPolicy.SID_PULL).resources()).containsExactlyElementsOf(hubArns);
            assertThat(grants.get(RunnerPolicy.SID_IMPORT).resources()).containsExactlyElementsOf(hubArns);
            assertThat(grants.get(RunnerPolicy.SID_AUTH).resources()).containsExactly("*");
            PolicySemantics.assertEquivalent("examples/org-hub/spoke runner policy",
                    RunnerPolicy.from(orgHubRules(), new ArnScope("aws", HUB_REGION, HUB)).toJson(), spokePolicy);
        }

        // What the planned policies allow, evaluated as AWS does across accounts: both sides must allow.
        Caller member = new Caller(SPOKE, java.util.Optional.of(ORGANIZATION), List.of(ORGANIZATION + "/r-ab12/"));
        Caller outsider = Caller.outsideAnyOrganization(OUTSIDER);
        Caller otherOrganization = new Caller(OUTSIDER, java.util.Optional.of("o-zzzzzzzzzz"), List.of("o-zzzzzzzzzz/r-zz99/"));
        // First pulls are granted by the registry policy, later pulls by the repository policy.
        Map<String, List<String>> actionsByHubPolicy = Map.of(registryPolicy, EcrActions.IMPORT, repositoryPolicy, EcrActions.PULL);
        for (String prefix : PREFIXES) {
            String repo = HUB_REPOSITORIES + prefix + "/library/node";
            actionsByHubPolicy.forEach((hubPolicy, actions) -> actions.forEach(action -> {
                assertThat(PolicyEvaluator.crossAccountAllows(spokePolicy, hubPolicy, member, action, repo))
                        .as("spoke: %s on %s", action, repo).isTrue();
                for (Caller stranger : List.of(outsider, otherOrganization)) {
                    assertThat(PolicyEvaluator.crossAccountAllows(spokePolicy, hubPolicy, stranger, action, repo))
                            .as("outside the organization: %s on %s", action, repo).isFalse();
                }
            }));
        }
        for (String other : List.of(HUB_REPOSITORIES + "private-app", HUB_REPOSITORIES + "docker-hubx/x")) {
            for (String action : EcrActions.IMPORT) {
                assertThat(PolicyEvaluator.crossAccountAllows(spokePolicy, registryPolicy, member, action, other))
                        .as("spoke: %s outside the cached prefixes (%s)", action, other).isFalse();
            }
            assertThat(PolicyEvaluator.identityAllows(spokePolicy, EcrActions.BATCH_GET_IMAGE, other))
                    .as("spoke: no pull outside the cached prefixes (%s)", other).isFalse();
        }
    }

    /** One statement of a canonical resource policy, by Sid, with exactly these principals, actions, resources, condition. */
    private static void assertStatement(JsonNode canonical, String sid, List<String> principals, List<String> actions,
            List<String> resources, String conditionJson) {
        JsonNode statement = null;
        for (JsonNode s : canonical.get("Statement")) {
            if (s.path("Sid").asText().equals(sid)) {
                statement = s;
            }
        }
        assertThat(statement).as("statement %s in %s", sid, canonical).isNotNull();
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.at("/Principal/AWS")).extracting(JsonNode::asText).as(sid + " principals")
                .containsExactlyElementsOf(principals);
        assertThat(statement.path("Action")).extracting(JsonNode::asText).as(sid + " actions").containsExactlyElementsOf(actions);
        assertThat(statement.path("Resource")).extracting(JsonNode::asText).as(sid + " resources")
                .containsExactlyElementsOf(resources);
        if (conditionJson == null) {
            assertThat(statement.has("Condition")).as(sid + " has no condition").isFalse();
        } else {
            assertThat(statement.get("Condition").toString()).as(sid + " condition").isEqualTo(conditionJson);
        }
    }
}
