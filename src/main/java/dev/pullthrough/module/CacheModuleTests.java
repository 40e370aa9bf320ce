package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.string;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The generated {@code terraform test} suites of {@code ecr-pull-through-cache}. */
final class CacheModuleTests {
    private static final String HOST = RuleCases.ACCOUNT + ".dkr.ecr." + RuleCases.REGION + ".amazonaws.com";

    private CacheModuleTests() {
    }

    /** Data sources answer like a real account in eu-west-1, so lookups can be asserted. */
    static Block mockProvider() {
        Map<String, Expression.Obj> data = new LinkedHashMap<>();
        data.put("aws_caller_identity", Expression.object()
                .put("account_id", RuleCases.ACCOUNT)
                .put("arn", "arn:aws:iam::" + RuleCases.ACCOUNT + ":user/platform")
                .put("user_id", "AIDAEXAMPLEUSERID").build());
        data.put("aws_region", Expression.object().put("name", RuleCases.REGION).put("description", "Europe (Ireland)").build());
        data.put("aws_partition", Expression.object()
                .put("partition", "aws").put("dns_suffix", "amazonaws.com").put("reverse_dns_prefix", "com.amazonaws").build());
        return TestBlocks.mockProvider(null, data);
    }

    static TestSuite behaviour() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(mockProvider());
        blocks.add(TestBlocks.variables(Expression.object().put("rules", RuleCases.validCreate().expression()).build()));
        blocks.add(TestBlocks.run("creates_a_rule_and_a_template_per_rule")
                .command("apply")
                .asserting("length(aws_ecr_pull_through_cache_rule.this) == 5 && length(aws_ecr_repository_creation_template.this) == 5",
                        "one rule and one template per entry")
                .asserting("aws_ecr_pull_through_cache_rule.this[\"docker_hub\"].credential_arn == \"" + RuleCases.DOCKER_HUB_SECRET + "\"",
                        "the Docker Hub rule carries its credential")
                .asserting("aws_ecr_pull_through_cache_rule.this[\"platform\"].upstream_repository_prefix == \"base-images\" && aws_ecr_pull_through_cache_rule.this[\"platform\"].custom_role_arn == \"" + RuleCases.UPSTREAM_ROLE + "\"",
                        "ECR-to-ECR settings reach the rule")
                .asserting("aws_ecr_repository_creation_template.this[\"docker_hub\"].prefix == \"docker-hub\" && contains(aws_ecr_repository_creation_template.this[\"docker_hub\"].applied_for, \"PULL_THROUGH_CACHE\")",
                        "the template has the rule's prefix and applies to pull-through caches")
                .asserting("jsondecode(aws_ecr_repository_creation_template.this[\"k8s\"].lifecycle_policy).rules[0].selection.countNumber == 30",
                        "cached images expire after 30 days by default")
                .asserting("output.registry_host == \"" + HOST + "\"", "the host comes from the caller identity, region and partition")
                .asserting("output.ecr_pull_through_cache_rules[\"ecr_public\"].ecr_repository_prefix == \"ecr-public\" && output.ecr_pull_through_cache_rules[\"ecr_public\"].upstream_registry_url == \"public.ecr.aws\" && output.ecr_pull_through_cache_rules[\"ecr_public\"].upstream_repository_prefix == null",
                        "the rules come out in the runner module's shape")
                .asserting("output.repository_url_prefixes[\"docker_hub\"] == \"" + HOST + "/docker-hub\"",
                        "images are pulled as <host>/<prefix>/<image>")
                .build());
        blocks.add(TestBlocks.run("given_coordinates_need_no_lookup")
                .command("plan")
                .variables(Expression.object().put("account_id", "111122223333").put("region", "us-east-2").put("partition", "aws")
                        .put("rules", Expression.object().put("ecr_public", Expression.inlineObject()
                                .put("ecr_repository_prefix", "ecr-public").put("upstream_registry_url", "public.ecr.aws").build()).build())
                        .build())
                .asserting("length(data.aws_caller_identity.current) == 0 && length(data.aws_region.current) == 0 && length(data.aws_partition.current) == 0",
                        "no data source is read when all coordinates are given")
                .asserting("output.registry_host == \"111122223333.dkr.ecr.us-east-2.amazonaws.com\"", "the host is built from the inputs")
                .build());
        blocks.add(TestBlocks.run("values_are_trimmed_and_blank_optionals_dropped")
                .command("plan")
                .variables(Expression.object().put("rules", Expression.object().put("hub", Expression.inlineObject()
                        .put("ecr_repository_prefix", " docker-hub ")
                        .put("upstream_registry_url", " registry-1.docker.io ")
                        .put("upstream_repository_prefix", "")
                        .put("credential_arn", " " + RuleCases.DOCKER_HUB_SECRET + " ").build()).build()).build())
                .asserting("aws_ecr_pull_through_cache_rule.this[\"hub\"].ecr_repository_prefix == \"docker-hub\" && aws_ecr_pull_through_cache_rule.this[\"hub\"].upstream_registry_url == \"registry-1.docker.io\"",
                        "values are trimmed")
                .asserting("aws_ecr_pull_through_cache_rule.this[\"hub\"].upstream_repository_prefix == null", "a blank optional value is no value")
                .build());
        blocks.add(TestBlocks.run("templates_can_be_switched_off")
                .command("apply")
                .variables(Expression.object().put("create_repository_templates", Expression.bool(false)).build())
                .asserting("length(aws_ecr_repository_creation_template.this) == 0 && output.repository_template_prefixes == {}",
                        "no templates, and an empty output rather than an error")
                .asserting("length(aws_ecr_pull_through_cache_rule.this) == 5", "the rules stay")
                .build());
        blocks.add(TestBlocks.run("untagged_images_can_expire_sooner")
                .command("plan")
                .variables(Expression.object().put("untagged_expire_after_days", Expression.number(1))
                        .put("expire_after_days", Expression.number(90)).build())
                .asserting("jsondecode(output.lifecycle_policy).rules[0].selection.tagStatus == \"untagged\" && jsondecode(output.lifecycle_policy).rules[0].selection.countNumber == 1",
                        "the untagged rule comes first")
                .asserting("jsondecode(output.lifecycle_policy).rules[1].selection.tagStatus == \"any\" && jsondecode(output.lifecycle_policy).rules[1].rulePriority == 2",
                        "the catch-all rule has the highest priority number, as ECR requires")
                .build());
        blocks.add(TestBlocks.run("null_expiry_keeps_images")
                .command("plan")
                .variables(Expression.object().put("expire_after_days", Expression.nullValue()).build())
                .asserting("output.lifecycle_policy == null && aws_ecr_repository_creation_template.this[\"k8s\"].lifecycle_policy == null",
                        "no lifecycle policy when nothing expires")
                .build());
        blocks.add(TestBlocks.run("no_rules_create_nothing")
                .command("apply")
                .variables(Expression.object().put("rules", Expression.object().build()).build())
                .asserting("length(aws_ecr_pull_through_cache_rule.this) == 0 && output.ecr_pull_through_cache_rules == {}",
                        "an empty map is valid and creates nothing")
                .build());
        blocks.add(TestBlocks.run("kms_and_tags_need_a_role")
                .command("plan")
                .variables(Expression.object().put("repository_tags", Expression.object().put("team", "platform").build()).build())
                .expectFailures("aws_ecr_repository_creation_template.this")
                .build());
        blocks.add(TestBlocks.run("kms_with_a_role_encrypts")
                .command("plan")
                .variables(Expression.object()
                        .put("kms_key_arn", "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555")
                        .put("repository_template_role_arn", "arn:aws:iam::123456789012:role/ecr-template")
                        .build())
                .asserting("aws_ecr_repository_creation_template.this[\"k8s\"].encryption_configuration[0].encryption_type == \"KMS\"",
                        "the key is applied")
                .build());
        Map<String, Map<String, String>> root = new LinkedHashMap<>();
        root.put("everything", RuleCase.rule("ecr_repository_prefix", "ROOT", "upstream_registry_url", "public.ecr.aws"));
        blocks.add(TestBlocks.run("root_rule_warns")
                .command("plan")
                .variables(Expression.object().put("rules", new RuleCase("root", "", root, false).expression()).build())
                .expectFailures("check.root_rule_breadth")
                .build());
        Map<String, Map<String, String>> unused = new LinkedHashMap<>();
        unused.put("quay", RuleCase.rule("ecr_repository_prefix", "quay", "upstream_registry_url", "quay.io",
                "credential_arn", RuleCases.DOCKER_HUB_SECRET));
        blocks.add(TestBlocks.run("unused_credential_warns")
                .command("plan")
                .variables(Expression.object().put("rules", new RuleCase("unused", "", unused, false).expression()).build())
                .expectFailures("check.unused_credentials")
                .build());
        return new TestSuite("rules", "Behaviour with a mocked AWS provider: what gets created, and what the outputs say.", blocks);
    }

    static TestSuite validation() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(mockProvider());
        // Where the credentials of RuleCases live: AWS wants them in the rule's account and region.
        blocks.add(TestBlocks.variables(Expression.object().put("account_id", RuleCases.ACCOUNT)
                .put("region", RuleCases.REGION).put("partition", "aws").build()));
        blocks.add(TestBlocks.run("valid_rules_pass")
                .command("plan")
                .variables(Expression.object().put("rules", RuleCases.validCreate().expression()).build())
                .asserting("length(aws_ecr_pull_through_cache_rule.this) == 5", "valid rules plan")
                .build());
        for (RuleCase c : RuleCases.invalid()) {
            blocks.add(TestBlocks.run("rejects_" + c.name())
                    .comment(c.about())
                    .command("plan")
                    .variables(Expression.object().put("rules", c.expression()).build())
                    .expectFailures("var.rules")
                    .build());
        }
        blocks.add(TestBlocks.run("rejects_account_id_of_11_digits")
                .command("plan")
                .variables(Expression.object().put("account_id", "12345678901").build())
                .expectFailures("var.account_id")
                .build());
        blocks.add(TestBlocks.run("rejects_region_typo")
                .command("plan")
                .variables(Expression.object().put("region", "eu-west1").build())
                .expectFailures("var.region")
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
                        .put("rules", Expression.object().put("k8s", Expression.inlineObject()
                                .put("ecr_repository_prefix", "k8s").put("upstream_registry_url", "registry.k8s.io").build()).build())
                        .build())
                .asserting("output.registry_host == \"" + RuleCases.ACCOUNT + ".dkr.ecr.us-gov-west-1.amazonaws.com\"",
                        "a GovCloud registry host, under amazonaws.com")
                .build());
        blocks.add(TestBlocks.run("rejects_credential_from_another_region")
                .comment("AWS requires the secret in the rule's own account and region.")
                .command("plan")
                .variables(Expression.object().put("rules", RuleCases.validCreate().expression()).put("region", "us-east-1").build())
                .expectFailures("aws_ecr_pull_through_cache_rule.this")
                .build());
        blocks.add(TestBlocks.run("rejects_misspelt_attribute")
                .comment("A typo is an error, not silently dropped (the rules file reader says the same).")
                .command("plan")
                .variables(Expression.object().put(EcrPullThroughCacheModule.VARIABLE, Expression.object()
                        .put("hub", Expression.inlineObject().put("ecr_repository_prefix", "docker-hub")
                                .put("upstream_registry_url", "registry-1.docker.io")
                                .put("credentials_arn", RuleCases.DOCKER_HUB_SECRET).build()).build()).build())
                .expectFailures("var." + EcrPullThroughCacheModule.VARIABLE)
                .build());
        blocks.add(TestBlocks.run("rejects_number_as_prefix")
                .comment("A number is not silently turned into a string.")
                .command("plan")
                .variables(Expression.object().put(EcrPullThroughCacheModule.VARIABLE, Expression.object()
                        .put("quay", Expression.inlineObject().put("ecr_repository_prefix", Expression.number(42))
                                .put("upstream_registry_url", "quay.io").build()).build()).build())
                .expectFailures("var." + EcrPullThroughCacheModule.VARIABLE)
                .build());
        blocks.add(TestBlocks.run("rejects_zero_expiry")
                .command("plan")
                .variables(Expression.object().put("expire_after_days", Expression.number(0)).build())
                .expectFailures("var.expire_after_days")
                .build());
        return new TestSuite("validation",
                "Every validation rule rejects the input that breaks it (one run each), with the same rules as `pullthrough validate`.",
                blocks);
    }

}
