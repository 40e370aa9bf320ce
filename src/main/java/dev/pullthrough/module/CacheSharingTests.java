package dev.pullthrough.module;

import dev.pullthrough.iam.SharedCachePolicies;
import dev.pullthrough.model.ArnScope;
import dev.pullthrough.model.ShareWith;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated {@code terraform test} suite of the cache module's {@code share_with}: nothing changes without it,
 * the two policies equal the Java {@link SharedCachePolicies} documents for the same input (computed here and written
 * into the test as literals), and every bad entry, a ROOT rule and switched-off templates are refused.
 */
final class CacheSharingTests {
    static final String ORGANIZATION = "o-a1b2c3d4e5";
    static final String OU_PATH = ORGANIZATION + "/r-ab12/ou-ab12-11111111/*";
    static final String SPOKE = "222222222222";
    /**
     * A resource policy reduced to what IAM reads: one value or a list of them are the same, and so is their order.
     */
    private static final String NORMALISED = "[for s in jsondecode(DOC).Statement : { sid = s.Sid, effect = s.Effect,"
            + " principals = toset(flatten([s.Principal.AWS])), actions = toset(flatten([s.Action])),"
            + " resources = toset(flatten([try(s.Resource, [])])), condition = jsonencode(try(s.Condition, null)) }]";

    private CacheSharingTests() {
    }

    /** Named rules only: a ROOT rule can not be shared. */
    private static RuleCase rules() {
        Map<String, Map<String, String>> rules = new LinkedHashMap<>();
        rules.put("ecr_public", RuleCase.rule("ecr_repository_prefix", "ecr-public", "upstream_registry_url", "public.ecr.aws"));
        rules.put("k8s", RuleCase.rule("ecr_repository_prefix", "k8s/", "upstream_registry_url", "registry.k8s.io"));
        return new RuleCase("shared", "two named prefixes", rules, true);
    }

    private static Expression.Obj shareWith(List<String> organizations, List<String> paths, List<String> accounts) {
        return Expression.object()
                .put(ShareWith.Field.ORGANIZATION_IDS.inputName(), Expression.stringList(organizations))
                .put(ShareWith.Field.ORGANIZATIONAL_UNIT_PATHS.inputName(), Expression.stringList(paths))
                .put(ShareWith.Field.ACCOUNT_IDS.inputName(), Expression.stringList(accounts))
                .build();
    }

    private static Expression sameDocument(String actual, String expectedJson) {
        return Expression.raw(NORMALISED.replace("DOC", actual) + " == " + NORMALISED.replace("DOC", "%s"),
                Expression.string(expectedJson));
    }

    static TestSuite suite() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(CacheModuleTests.mockProvider());
        blocks.add(TestBlocks.variables(Expression.object().put("account_id", RuleCases.ACCOUNT)
                .put("region", RuleCases.REGION).put("partition", "aws")
                .put(EcrPullThroughCacheModule.VARIABLE, rules().expression()).build()));
        String unshared = "length(aws_ecr_registry_policy.this) == 0 && alltrue([for t in aws_ecr_repository_creation_template.this : t.repository_policy == null])"
                + " && output.registry_policy_json == null && output.shared_repository_policy_json == null";
        blocks.add(TestBlocks.run("not_shared_changes_nothing")
                .command("plan")
                .asserting(unshared, "without share_with: no registry policy, no repository policy on the templates")
                .build());
        blocks.add(TestBlocks.run("empty_lists_share_nothing")
                .command("plan")
                .variables(Expression.object().put(ShareWithVariable.VARIABLE, Expression.object().build()).build())
                .asserting(unshared, "share_with = {} names nobody, as null does")
                .build());

        ShareWith share = ShareWith.of(List.of(ORGANIZATION), List.of(OU_PATH), List.of(" " + SPOKE, SPOKE));
        ArnScope hub = new ArnScope("aws", RuleCases.REGION, RuleCases.ACCOUNT);
        String registry = JsonRenderer.compact(SharedCachePolicies.registryPolicy(rules().ruleSet(), share, hub).toMap());
        String repository = JsonRenderer.compact(SharedCachePolicies.repositoryPolicy(share, "aws").toMap());
        blocks.add(TestBlocks.run("shared_policies_are_the_java_ones")
                .comment("Entries are trimmed and de-duplicated, as ShareWith does.")
                .command("plan")
                .variables(Expression.object().put(ShareWithVariable.VARIABLE,
                        shareWith(List.of(ORGANIZATION), List.of(OU_PATH), List.of(" " + SPOKE, SPOKE))).build())
                .asserting(sameDocument("aws_ecr_registry_policy.this[0].policy", registry),
                        "the registry policy is SharedCachePolicies.registryPolicy for these rules and principals")
                .asserting(Expression.raw("alltrue([for t in aws_ecr_repository_creation_template.this : "
                                + NORMALISED.replace("DOC", "t.repository_policy") + " == " + NORMALISED.replace("DOC", "%s") + "])",
                                Expression.string(repository)),
                        "every template carries SharedCachePolicies.repositoryPolicy")
                .asserting("output.registry_account_id == \"" + RuleCases.ACCOUNT + "\" && output.registry_region == \""
                        + RuleCases.REGION + "\"", "the outputs spokes pass as registry_account_id and registry_region")
                .build());

        Map<String, Map<String, String>> root = new LinkedHashMap<>();
        root.put("everything", RuleCase.rule("ecr_repository_prefix", "ROOT", "upstream_registry_url", "public.ecr.aws"));
        blocks.add(TestBlocks.run("root_rule_cannot_be_shared")
                .comment(ShareWith.ROOT_RULE_PROBLEM)
                .command("plan")
                .variables(Expression.object().put(EcrPullThroughCacheModule.VARIABLE, new RuleCase("root", "", root, true).expression())
                        .put(ShareWithVariable.VARIABLE, shareWith(List.of(), List.of(), List.of(SPOKE))).build())
                .expectFailures("aws_ecr_registry_policy.this", "check.root_rule_breadth")
                .build());
        blocks.add(TestBlocks.run("shared_cache_needs_templates")
                .comment(ShareWith.NEEDS_TEMPLATES_PROBLEM)
                .command("plan")
                .variables(Expression.object().put("create_repository_templates", Expression.bool(false))
                        .put(ShareWithVariable.VARIABLE, shareWith(List.of(), List.of(), List.of(SPOKE))).build())
                .expectFailures("aws_ecr_registry_policy.this")
                .build());
        Map<ShareWith.Field, String> bad = Map.of(ShareWith.Field.ORGANIZATION_IDS, "o-short",
                ShareWith.Field.ORGANIZATIONAL_UNIT_PATHS, "ou-ab12-11111111",
                ShareWith.Field.ACCOUNT_IDS, "12345");
        for (ShareWith.Field field : ShareWith.Field.values()) {
            blocks.add(TestBlocks.run("rejects_bad_" + field.inputName())
                    .comment(field.message("0", bad.get(field)))
                    .command("plan")
                    .variables(Expression.object().put(ShareWithVariable.VARIABLE, Expression.object()
                            .put(field.inputName(), Expression.stringList(List.of(bad.get(field)))).build()).build())
                    .expectFailures("var." + ShareWithVariable.VARIABLE)
                    .build());
        }
        blocks.add(TestBlocks.run("one_list_is_enough")
                .comment("Each name is optional: the others are empty lists.")
                .command("plan")
                .variables(Expression.object().put(ShareWithVariable.VARIABLE, Expression.object()
                        .put(ShareWith.Field.ACCOUNT_IDS.inputName(), Expression.stringList(List.of(SPOKE))).build()).build())
                .asserting("length(aws_ecr_registry_policy.this) == 1", "account_ids alone shares the cache")
                .build());
        Map<String, Expression> shapes = new LinkedHashMap<>();
        shapes.put("rejects_misspelt_name", Expression.object().put("account_id", Expression.stringList(List.of(SPOKE))).build());
        shapes.put("rejects_list_given_as_string", Expression.object().put(ShareWith.Field.ACCOUNT_IDS.inputName(), SPOKE).build());
        shapes.put("rejects_number_entry", Expression.object().put(ShareWith.Field.ACCOUNT_IDS.inputName(),
                Expression.tuple(Expression.number(Long.parseLong(SPOKE)))).build());
        shapes.put("rejects_list_instead_of_object", Expression.stringList(List.of(SPOKE)));
        List<String> comments = List.of(ShareWith.unknownField("account_id"),
                ShareWith.notAList(ShareWith.Field.ACCOUNT_IDS.inputName(), "string"),
                ShareWith.notAString(ShareWith.Field.ACCOUNT_IDS.inputName(), "0", "number"),
                ShareWith.notAnObject("array"));
        int i = 0;
        for (Map.Entry<String, Expression> shape : shapes.entrySet()) {
            blocks.add(TestBlocks.run(shape.getKey())
                    .comment(comments.get(i++))
                    .command("plan")
                    .variables(Expression.object().put(ShareWithVariable.VARIABLE, shape.getValue()).build())
                    .expectFailures("var." + ShareWithVariable.VARIABLE)
                    .build());
        }
        return new TestSuite("share_with",
                "Sharing the cache with other accounts: nothing without share_with; the policies of the Java model with it; bad entries refused.",
                blocks);
    }
}
