package dev.pullthrough.module;

import static dev.pullthrough.module.RuleCase.rule;

import dev.pullthrough.iam.RunnerPolicy;
import dev.pullthrough.model.ArnScope;
import dev.pullthrough.model.InvalidCoordinatesException;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.RunnerEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated {@code terraform test} suites of the access and runner modules. Expected policies and runner
 * environments are computed here by the Java model ({@link RunnerPolicy}, {@link RunnerEnvironment}) and written into
 * the tests as literals: a passing suite proves the module and the Java code agree on these inputs.
 */
final class RunnerModuleTests {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final RegistryCoordinates COORDINATES = RegistryCoordinates.of(ACCOUNT, REGION);
    /** A hub registry elsewhere whose cache is shared with the runners' account. */
    private static final String HUB_ACCOUNT = "111111111111";
    private static final String HUB_REGION = "eu-west-1";
    /**
     * A policy document reduced to what IAM reads: the provider writes a statement's actions and resources in set
     * order (not sorted), and one value as a string, so both sides become sets.
     */
    private static final String NORMALISED = "[for s in jsondecode(DOC).Statement : { sid = s.Sid, effect = s.Effect,"
            + " actions = toset(flatten([s.Action])), resources = toset(flatten([s.Resource])) }]";

    private RunnerModuleTests() {
    }

    /** Rule maps whose policy and environment the tests pin down. */
    static List<RuleCase> policyCases() {
        List<RuleCase> cases = new ArrayList<>();
        Map<String, Map<String, String>> named = new LinkedHashMap<>();
        named.put("docker_hub", rule("ecr_repository_prefix", "docker-hub", "upstream_registry_url", "registry-1.docker.io"));
        named.put("ecr_public", rule("ecr_repository_prefix", "ecr-public", "upstream_registry_url", "public.ecr.aws"));
        named.put("team_ghcr", rule("ecr_repository_prefix", " team/ghcr/ ", "upstream_registry_url", "ghcr.io",
                "upstream_repository_prefix", ""));
        cases.add(new RuleCase("named_prefixes", "one ARN per prefix, trailing slash dropped", named, false));
        Map<String, Map<String, String>> root = new LinkedHashMap<>();
        root.put("everything", rule("ecr_repository_prefix", "ROOT", "upstream_registry_url", "registry-1.docker.io"));
        root.put("quay", rule("ecr_repository_prefix", "quay", "upstream_registry_url", "quay.io"));
        cases.add(new RuleCase("root_rule", "repository/* alone, and ROOT as the Docker Hub prefix", root, false));
        Map<String, Map<String, String>> noHub = new LinkedHashMap<>();
        noHub.put("k8s", rule("ecr_repository_prefix", "k8s", "upstream_registry_url", "registry.k8s.io"));
        cases.add(new RuleCase("no_docker_hub", "no mirror variables without a Docker Hub rule", noHub, false));
        cases.add(new RuleCase("no_rules", "only the authorization statement; no environment", Map.of(), false));
        return cases;
    }

    private static String minified(Object value) {
        return JsonRenderer.compact(value);
    }

    private static Expression.Obj coordinates() {
        return Expression.object().put("account_id", ACCOUNT).put("region", REGION).put("partition", "aws").build();
    }

    /** A mock provider whose data sources look real; the policy document is valid JSON, as the provider demands. */
    static Block mockProvider() {
        Map<String, Expression.Obj> data = new LinkedHashMap<>();
        data.put("aws_caller_identity", Expression.object().put("account_id", ACCOUNT)
                .put("arn", "arn:aws:iam::" + ACCOUNT + ":user/platform").put("user_id", "AIDAEXAMPLEUSERID").build());
        data.put("aws_region", Expression.object().put("name", REGION).build());
        data.put("aws_partition", Expression.object()
                .put("partition", "aws").put("dns_suffix", "amazonaws.com").put("reverse_dns_prefix", "com.amazonaws").build());
        data.put("aws_iam_policy_document", Expression.object()
                .put("json", minified(RunnerPolicy.from(RuleSet.empty(), COORDINATES.arnScope()).toMap())).build());
        return TestBlocks.mockProvider(null, data, Map.of("aws_iam_policy", Expression.object()
                .put("arn", "arn:aws:iam::" + ACCOUNT + ":policy/EcrPullThroughCacheAccess").build()));
    }

    /** The real provider, offline: aws_iam_policy_document renders the actual document at plan time. */
    static TestSuite policy(String module) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(TestBlocks.offlineProvider());
        blocks.add(TestBlocks.variables(coordinates()));
        for (RuleCase c : policyCases()) {
            ArnScope scope = COORDINATES.arnScope();
            String expected = minified(RunnerPolicy.from(c.ruleSet(), scope).toMap());
            TestBlocks.Run run = TestBlocks.run("policy_" + c.name())
                    .comment(c.about())
                    .command("plan");
            if (c.ruleSet().hasRoot()) {
                run.expectFailures("check.root_rule_breadth");
            }
            blocks.add(run
                    .variables(Expression.object().put(RunnerRulesVariable.VARIABLE, c.expression()).build())
                    .asserting(Expression.raw(NORMALISED.replace("DOC", "output.policy_json") + " == "
                                    + NORMALISED.replace("DOC", "%s"), Expression.string(expected)),
                            "the document is the one `pullthrough policy` prints for these rules (statements in order; actions and resources as sets)")
                    .asserting("!strcontains(output.policy_json, \"ecr:*\") && !strcontains(output.policy_json, \"CreatePullThroughCacheRule\")",
                            "runners never get ecr:* or the right to create rules")
                    .build());
        }
        RegistryCoordinates hub = RegistryCoordinates.of(HUB_ACCOUNT, HUB_REGION);
        RuleCase named = policyCases().get(0);
        blocks.add(TestBlocks.run("policy_names_the_hub_registry")
                .comment("A cache shared by a hub account: registry_account_id and registry_region win over account_id and region.")
                .command("plan")
                .variables(Expression.object().put(RunnerRulesVariable.VARIABLE, named.expression())
                        .put(Coordinates.REGISTRY_ACCOUNT_ID, HUB_ACCOUNT).put(Coordinates.REGISTRY_REGION, HUB_REGION).build())
                .asserting(Expression.raw(NORMALISED.replace("DOC", "output.policy_json") + " == "
                                + NORMALISED.replace("DOC", "%s"),
                                Expression.string(minified(RunnerPolicy.from(named.ruleSet(), hub.arnScope()).toMap()))),
                        "the document `pullthrough policy --registry-account-id --registry-region` prints: the hub's repositories")
                .build());
        return new TestSuite("policy",
                "The policy as the real AWS provider renders it (offline: plan only, no credentials), compared with the Java runner policy for the same rules.",
                blocks);
    }

    static TestSuite accessBehaviour() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(mockProvider());
        blocks.add(TestBlocks.variables(Expression.object()
                .put(RunnerRulesVariable.VARIABLE, RuleCases.validExisting().expression())
                .put("role_names", Expression.stringList(List.of("runner-small", "runner-large")))
                .build()));
        blocks.add(TestBlocks.run("creates_and_attaches_the_policy")
                .command("apply")
                .asserting("aws_iam_policy.this[0].name_prefix == \"" + RunnerPolicy.DEFAULT_POLICY_NAME_PREFIX
                                + "\" && output.policy_arn == aws_iam_policy.this[0].arn",
                        "one policy, named from a prefix (instances under for_each do not collide), its ARN as output")
                .asserting("toset(output.attached_role_names) == toset([\"runner-small\", \"runner-large\"])",
                        "attached to each role, keyed by role name")
                .build());
        blocks.add(TestBlocks.run("toggled_off_creates_nothing_and_outputs_null")
                .command("apply")
                .variables(Expression.object().put("create_policy", Expression.bool(false))
                        .put("role_names", Expression.tuple()).build())
                .asserting("length(aws_iam_policy.this) == 0 && output.policy_arn == null && output.policy_name == null",
                        "no policy; null outputs, not errors")
                .asserting("output.policy_json != \"\"", "the document is still rendered")
                .build());
        blocks.add(TestBlocks.run("no_rules_create_nothing")
                .command("apply")
                .variables(Expression.object().put(RunnerRulesVariable.VARIABLE, Expression.object().build()).build())
                .asserting("length(aws_iam_policy.this) == 0 && length(aws_iam_role_policy_attachment.this) == 0",
                        "no rules: no policy and no attachment, the empty plan the docs promise")
                .asserting("output.policy_arn == null && length(output.attached_role_names) == 0", "null-safe outputs")
                .build());
        blocks.add(TestBlocks.run("fixed_policy_name")
                .command("apply")
                .variables(Expression.object().put("policy_name", "runners-pull").build())
                .asserting("aws_iam_policy.this[0].name == \"runners-pull\"",
                        "a given name is used as is")
                .build());
        blocks.add(TestBlocks.run("roles_without_policy_warn")
                .command("plan")
                .variables(Expression.object().put("create_policy", Expression.bool(false)).build())
                .expectFailures("check.role_names_need_the_policy")
                .build());
        blocks.add(TestBlocks.run("rejects_role_arns")
                .command("plan")
                .variables(Expression.object().put("role_names",
                        Expression.stringList(List.of("arn:aws:iam::" + ACCOUNT + ":role/runner"))).build())
                .expectFailures("var.role_names")
                .build());
        return new TestSuite("access", "Behaviour with a mocked AWS provider: the policy and its attachments.", blocks);
    }

    static TestSuite environment() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(mockProvider());
        blocks.add(TestBlocks.variables(coordinates()));
        String host = COORDINATES.registryHost();
        for (RuleCase c : policyCases()) {
            RuleSet rules = c.ruleSet();
            Expression.ObjectBuilder env = Expression.inlineObject();
            RunnerEnvironment.of(rules, host).forEach(env::put);
            boolean mirror = rules.dockerHubRule().isPresent();
            TestBlocks.Run run = TestBlocks.run("environment_" + c.name())
                    .comment(c.about())
                    .command("plan");
            if (rules.hasRoot()) {
                run.expectFailures("check.root_rule_breadth");
            }
            run.variables(Expression.object().put(RunnerRulesVariable.VARIABLE, c.expression()).build())
                    .asserting(rules.isEmpty() ? Expression.ref("length(output.runner_environment) == 0")
                                    : Expression.raw("output.runner_environment == tomap(%s)", env.build()),
                            "the environment RunnerEnvironment computes for these rules")
                    .asserting("output.docker_hub_mirror == " + mirror, "the mirror flag follows the Docker Hub rule")
                    .asserting(rules.isEmpty() ? "length(output.runner_extras) == 0" : "output.runner_extras == tolist([\"" + RunnerEcrPullThroughModule.EXTRA + "\"])",
                            "the extra is on exactly when there are rules");
            blocks.add(run.build());
        }
        blocks.add(TestBlocks.run("given_coordinates_name_the_host")
                .command("plan")
                .variables(Expression.object().put(RunnerRulesVariable.VARIABLE, RuleCases.validExisting().expression()).build())
                .asserting("output.registry_host == \"" + host + "\"", "host from account, region and partition")
                .asserting("length(data.aws_caller_identity.current) == 0", "no lookup when the account is given")
                .build());
        String hubHost = RegistryCoordinates.of(HUB_ACCOUNT, HUB_REGION).registryHost();
        blocks.add(TestBlocks.run("hub_registry_names_the_host")
                .command("plan")
                .variables(Expression.object()
                        .put(RunnerRulesVariable.VARIABLE, RuleCases.validExisting().expression())
                        .put("account_id", Expression.nullValue()).put("region", Expression.nullValue())
                        .put(Coordinates.REGISTRY_ACCOUNT_ID, HUB_ACCOUNT).put(Coordinates.REGISTRY_REGION, HUB_REGION).build())
                .asserting("output.registry_host == \"" + hubHost + "\" && output.runner_environment[\"" + RunnerEnvironment.CACHE
                        + "\"] == \"" + hubHost + "\"", "the runners pull from the hub's registry")
                .asserting("length(data.aws_caller_identity.current) == 0 && length(data.aws_region.current) == 0",
                        "no lookup of the own account or region when the hub's are given")
                .build());
        blocks.add(TestBlocks.run("looked_up_coordinates_name_the_host")
                .command("plan")
                .variables(Expression.object()
                        .put(RunnerRulesVariable.VARIABLE, RuleCases.validExisting().expression())
                        .put("account_id", Expression.nullValue()).put("region", Expression.nullValue())
                        .put("partition", Expression.nullValue()).build())
                .asserting("output.registry_host == \"" + host + "\"", "host from the (mocked) data sources")
                .build());
        blocks.add(TestBlocks.run("creates_no_policy_by_default")
                .command("apply")
                .variables(Expression.object().put(RunnerRulesVariable.VARIABLE, RuleCases.validExisting().expression()).build())
                .asserting("length(aws_iam_policy.this) == 0 && output.policy_arn == null", "the runner module only renders the policy unless asked")
                .build());
        blocks.add(TestBlocks.run("creates_the_policy_when_asked")
                .command("apply")
                .variables(Expression.object().put(RunnerRulesVariable.VARIABLE, RuleCases.validExisting().expression())
                        .put("create_policy", Expression.bool(true))
                        .put("role_names", Expression.stringList(List.of("runner"))).build())
                .asserting("output.policy_arn != null && toset(output.attached_role_names) == toset([\"runner\"])", "policy created and attached")
                .build());
        blocks.add(TestBlocks.run("root_rule_warns")
                .command("plan")
                .variables(Expression.object().put(RunnerRulesVariable.VARIABLE, policyCases().get(1).expression()).build())
                .expectFailures("check.root_rule_breadth")
                .build());
        return new TestSuite("environment",
                "The runner environment and extras, compared with the Java RunnerEnvironment for the same rules (mocked provider).",
                blocks);
    }

    static TestSuite validation() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(mockProvider());
        blocks.add(TestBlocks.variables(coordinates()));
        blocks.add(TestBlocks.run("valid_rules_pass")
                .command("plan")
                .variables(Expression.object().put(RunnerRulesVariable.VARIABLE, RuleCases.validExisting().expression()).build())
                .asserting("length(output.policy_json) > 0", "valid rules plan")
                .build());
        for (RuleCase c : RuleCases.invalid()) {
            if (c.credentialFields()) {
                continue;
            }
            blocks.add(TestBlocks.run("rejects_" + c.name())
                    .comment(c.about())
                    .command("plan")
                    .variables(Expression.object().put(RunnerRulesVariable.VARIABLE, c.expression()).build())
                    .expectFailures("var." + RunnerRulesVariable.VARIABLE)
                    .build());
        }
        blocks.add(TestBlocks.run("rejects_misspelt_attribute")
                .comment("A typo is an error, not silently dropped (the rules file reader says the same).")
                .command("plan")
                .variables(Expression.object().put(RunnerRulesVariable.VARIABLE, Expression.object()
                        .put("quay", Expression.inlineObject().put("ecr_repository_prefix", "quay")
                                .put("upstream_registry_url", "quay.io").put("upstream_repo_prefix", "x").build()).build()).build())
                .expectFailures("var." + RunnerRulesVariable.VARIABLE)
                .build());
        blocks.add(TestBlocks.run("rejects_registry_account_id_of_5_digits")
                .command("plan")
                .variables(Expression.object().put(Coordinates.REGISTRY_ACCOUNT_ID, "12345").build())
                .expectFailures("var." + Coordinates.REGISTRY_ACCOUNT_ID)
                .build());
        blocks.add(TestBlocks.run("rejects_registry_region_typo")
                .command("plan")
                .variables(Expression.object().put(Coordinates.REGISTRY_REGION, "eu-west1").build())
                .expectFailures("var." + Coordinates.REGISTRY_REGION)
                .build());
        blocks.add(TestBlocks.run("rejects_hub_registry_in_another_partition")
                .comment(new InvalidCoordinatesException(Coordinates.REGISTRY_REGION, "cn-north-1",
                        RegistryCoordinates.hubInOtherPartition("aws-cn", "aws")).getMessage())
                .command("plan")
                .variables(Expression.object().put(Coordinates.REGISTRY_REGION, "cn-north-1").put("partition", "aws").build())
                .expectFailures("output.policy_json")
                .build());
        blocks.add(TestBlocks.run("rejects_unknown_partition")
                .command("plan")
                .variables(Expression.object().put("partition", "aws-moon").build())
                .expectFailures("var.partition")
                .build());
        blocks.add(TestBlocks.run("govcloud_offers_pull_through_cache")
                .comment("GovCloud's ECR documents pull-through cache rules (docs/DOMAIN.md, \"Partitions\").")
                .command("plan")
                .variables(Expression.object().put("region", "us-gov-west-1").put("partition", "aws-us-gov")
                        .put(RunnerRulesVariable.VARIABLE, RuleCases.validExisting().expression()).build())
                .asserting("length(output.policy_json) > 0", "a GovCloud region and partition plan")
                .build());
        return new TestSuite("validation",
                "Every validation rule rejects the input that breaks it (one run each), as `pullthrough validate --existing` does.",
                blocks);
    }
}
