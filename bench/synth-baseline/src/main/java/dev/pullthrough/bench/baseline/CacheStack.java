package dev.pullthrough.bench.baseline;

import com.hashicorp.cdktf.MapTerraformIterator;
import com.hashicorp.cdktf.TerraformIterator;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceConfig;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.TerraformVariable;
import com.hashicorp.cdktf.TerraformVariableValidationConfig;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.ecr_pull_through_cache_rule.EcrPullThroughCacheRule;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import java.util.List;
import software.constructs.Construct;

/**
 * Module ecr-pull-through-cache: the rules and one repository creation template per rule with a lifecycle expiry.
 *
 * <p>Gaps of the prebuilt bindings, closed with escape hatches: {@code credential_arn}, {@code custom_role_arn} and
 * {@code upstream_repository_prefix} are written with {@code addOverride}; {@code aws_ecr_repository_creation_template}
 * has no class in cdktf-provider-aws 18.0.3, so it is a bare cdktf core {@code TerraformResource} whose every
 * attribute is an override (no typing, no validation).
 */
final class CacheStack extends TerraformStack {
    private static final String LIFECYCLE = "{\"rules\":[{\"rulePriority\":1,\"description\":\"Expire cached images\","
            + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\","
            + "\"countNumber\":${var.expiry_days}},\"action\":{\"type\":\"expire\"}}]}";

    CacheStack(Construct scope, String id, int concreteRules) {
        super(scope, id);
        AwsProvider.Builder.create(this, "aws").build();
        Location location = Location.declare(this);
        TerraformVariable.Builder.create(this, "expiry_days").type("number").defaultValue(90)
                .description("Days after which cached images expire.")
                .validation(List.of(TerraformVariableValidationConfig.builder()
                        .condition("${var.expiry_days >= 1}")
                        .errorMessage("expiry_days must be at least 1.").build()))
                .build();
        if (concreteRules > 0) {
            for (int i = 0; i < concreteRules; i++) {
                String key = "rule_" + i;
                EcrPullThroughCacheRule rule = EcrPullThroughCacheRule.Builder.create(this, "rule-" + i)
                        .ecrRepositoryPrefix("cache-" + i)
                        .upstreamRegistryUrl("registry-1.docker.io")
                        .build();
                rule.addOverride("credential_arn",
                        "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/hub-" + i);
                rule.addOverride("upstream_repository_prefix", "library");
                template(this, "template-" + i, null, "cache-" + i, key);
            }
        } else {
            TerraformVariable rules = TerraformVariable.Builder.create(this, "rules")
                    .type("map(object({ecr_repository_prefix = string, upstream_registry_url = string, "
                            + "upstream_repository_prefix = optional(string), credential_arn = optional(string), "
                            + "custom_role_arn = optional(string)}))")
                    .description("Pull-through cache rules by key.")
                    .validation(List.of(TerraformVariableValidationConfig.builder()
                            .condition("${alltrue([for r in values(var.rules) : can(regex(\"^[a-z0-9][a-z0-9._/-]{1,29}$\", r.ecr_repository_prefix)) || r.ecr_repository_prefix == \"ROOT\"])}")
                            .errorMessage("ecr_repository_prefix: 2-30 characters, lower case, or ROOT.").build()))
                    .build();
            MapTerraformIterator each = TerraformIterator.fromMap(Token.asAnyMap(rules.getValue()));
            EcrPullThroughCacheRule rule = EcrPullThroughCacheRule.Builder.create(this, "rule")
                    .forEach(each)
                    .ecrRepositoryPrefix(each.getString("ecr_repository_prefix"))
                    .upstreamRegistryUrl(each.getString("upstream_registry_url"))
                    .build();
            rule.addOverride("credential_arn", "${each.value.credential_arn}");
            rule.addOverride("custom_role_arn", "${each.value.custom_role_arn}");
            rule.addOverride("upstream_repository_prefix", "${each.value.upstream_repository_prefix}");
            template(this, "template", each, "${each.value.ecr_repository_prefix}", "${each.key}");
            TerraformOutput.Builder.create(this, "ecr_pull_through_cache_rules")
                    .description("The rules in the runner module's shape.")
                    .value("${{for k, r in var.rules : k => {ecr_repository_prefix = r.ecr_repository_prefix, "
                            + "upstream_registry_url = r.upstream_registry_url, "
                            + "upstream_repository_prefix = r.upstream_repository_prefix}}}")
                    .build();
        }
        TerraformOutput.Builder.create(this, "registry_host").value(location.registryHost())
                .description("The ECR registry host runners pull through.").build();
    }

    private static void template(Construct scope, String id, MapTerraformIterator each, String prefix, String key) {
        TerraformResourceConfig.Builder config = TerraformResourceConfig.builder()
                .terraformResourceType("aws_ecr_repository_creation_template");
        if (each != null) {
            config.forEach(each);
        }
        TerraformResource template = new TerraformResource(scope, id, config.build());
        template.addOverride("prefix", prefix);
        template.addOverride("applied_for", List.of("PULL_THROUGH_CACHE"));
        template.addOverride("description", "Pull-through cache repositories of rule " + key);
        template.addOverride("image_tag_mutability", "MUTABLE");
        template.addOverride("lifecycle_policy", LIFECYCLE);
    }
}
