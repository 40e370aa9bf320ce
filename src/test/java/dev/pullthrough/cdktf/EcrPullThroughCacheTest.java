package dev.pullthrough.cdktf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import dev.pullthrough.cdktf.aws.EcrPullThroughCacheRule;
import dev.pullthrough.cdktf.aws.EcrRegistryPolicy;
import dev.pullthrough.cdktf.aws.EcrRepositoryCreationTemplate;
import dev.pullthrough.model.InvalidCoordinatesException;
import dev.pullthrough.model.CacheSettings;
import dev.pullthrough.model.InvalidRuleSetException;
import dev.pullthrough.model.Partition;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ShareWith;
import dev.pullthrough.testing.cdktf.Synth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.constructs.MetadataEntry;

class EcrPullThroughCacheTest {

    private static EcrPullThroughCache.Builder cache(TerraformStack stack, RuleSet rules) {
        return EcrPullThroughCache.Builder.create(stack, "cache").rules(rules)
                .accountId(Fixtures.ACCOUNT).region(Fixtures.REGION);
    }

    @Test
    void build_namedRules_createsOneRulePerEntryWithItsArguments() {
        TerraformStack stack = Fixtures.stack();
        cache(stack, Fixtures.named()).build();
        JsonNode json = Synth.stack(stack);

        Map<String, JsonNode> rules = Synth.resources(json, EcrPullThroughCacheRule.TF_RESOURCE_TYPE);
        assertThat(rules).hasSize(3);
        Map<String, JsonNode> byPrefix = rules.values().stream()
                .collect(Collectors.toMap(r -> r.path("ecr_repository_prefix").asText(), r -> r));
        assertThat(byPrefix.keySet()).containsExactlyInAnyOrder("docker-hub", "ecr-public", "quay");
        assertThat(byPrefix.get("docker-hub").path("upstream_registry_url").asText()).isEqualTo("registry-1.docker.io");
        assertThat(byPrefix.get("docker-hub").path("credential_arn").asText()).isEqualTo(Fixtures.DOCKER_HUB_SECRET);
        assertThat(byPrefix.get("quay").has("credential_arn")).isFalse();
        assertThat(byPrefix.get("quay").has("upstream_repository_prefix")).isFalse();
    }

    @Test
    void build_crossAccountEcrUpstream_carriesRoleAndUpstreamPrefix() {
        TerraformStack stack = Fixtures.stack();
        cache(stack, RuleSet.of(PullThroughRule.builder("shared").ecrRepositoryPrefix("shared")
                .upstreamRegistryUrl("210987654321.dkr.ecr.eu-west-1.amazonaws.com").upstreamRepositoryPrefix("team")
                .customRoleArn("arn:aws:iam::123456789012:role/ecr-pull-through").build())).build();
        JsonNode rule = Synth.only(Synth.stack(stack), EcrPullThroughCacheRule.TF_RESOURCE_TYPE);
        assertThat(rule.path("custom_role_arn").asText()).isEqualTo("arn:aws:iam::123456789012:role/ecr-pull-through");
        assertThat(rule.path("upstream_repository_prefix").asText()).isEqualTo("team");
        assertThat(rule.has("credential_arn")).isFalse();
    }

    @Test
    void build_default_templatePerPrefixExpiresImagesAfter30Days() {
        TerraformStack stack = Fixtures.stack();
        cache(stack, Fixtures.named()).build();
        JsonNode json = Synth.stack(stack);

        Map<String, JsonNode> templates = Synth.resources(json, EcrRepositoryCreationTemplate.TF_RESOURCE_TYPE);
        assertThat(templates.values()).extracting(t -> t.path("prefix").asText())
                .containsExactlyInAnyOrder("docker-hub", "ecr-public", "quay");
        for (JsonNode template : templates.values()) {
            assertThat(template.path("applied_for")).extracting(JsonNode::asText).containsExactly("PULL_THROUGH_CACHE");
            assertThat(template.path("image_tag_mutability").asText()).isEqualTo("MUTABLE");
            JsonNode policy = Synth.parse(template.path("lifecycle_policy").asText());
            assertThat(policy.path("rules")).hasSize(1);
            JsonNode rule = policy.path("rules").get(0);
            assertThat(rule.path("selection").path("countType").asText()).isEqualTo("sinceImagePushed");
            assertThat(rule.path("selection").path("countNumber").asInt()).isEqualTo(30);
            assertThat(rule.path("selection").path("tagStatus").asText()).isEqualTo("any");
            assertThat(rule.path("action").path("type").asText()).isEqualTo("expire");
        }
    }

    @Test
    void build_default_eachRuleDependsOnItsTemplate() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache made = cache(stack, Fixtures.named()).build();
        JsonNode json = Synth.stack(stack);
        Map<String, JsonNode> templates = Synth.resources(json, EcrRepositoryCreationTemplate.TF_RESOURCE_TYPE);
        for (Map.Entry<String, JsonNode> rule : Synth.resources(json, EcrPullThroughCacheRule.TF_RESOURCE_TYPE).entrySet()) {
            String prefix = rule.getValue().path("ecr_repository_prefix").asText();
            String templateName = templates.entrySet().stream()
                    .filter(t -> t.getValue().path("prefix").asText().equals(prefix)).findFirst().orElseThrow().getKey();
            assertThat(rule.getValue().path("depends_on")).extracting(JsonNode::asText)
                    .containsExactly(EcrRepositoryCreationTemplate.TF_RESOURCE_TYPE + "." + templateName);
        }
        assertThat(made.getRules()).hasSize(3);
    }

    @Test
    void build_expiryDaysSet_lifecyclePolicyUsesThem() {
        TerraformStack stack = Fixtures.stack();
        cache(stack, RuleSet.of(Fixtures.quay())).expireCachedImagesAfterDays(7).build();
        JsonNode template = Synth.only(Synth.stack(stack), EcrRepositoryCreationTemplate.TF_RESOURCE_TYPE);
        assertThat(Synth.parse(template.path("lifecycle_policy").asText()).at("/rules/0/selection/countNumber").asInt())
                .isEqualTo(7);
        assertThat(template.path("description").asText()).isEqualTo("Pull-through cache of quay.io (rule quay)");
    }

    @Test
    void build_untaggedExpiry_ruleBeforeTheAnyRule() {
        TerraformStack stack = Fixtures.stack();
        cache(stack, RuleSet.of(Fixtures.quay())).expireUntaggedImagesAfterDays(1).build();
        JsonNode rules = Synth.parse(Synth.only(Synth.stack(stack), EcrRepositoryCreationTemplate.TF_RESOURCE_TYPE)
                .path("lifecycle_policy").asText()).path("rules");
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).at("/selection/tagStatus").asText()).isEqualTo("untagged");
        assertThat(rules.get(0).at("/selection/countNumber").asInt()).isEqualTo(1);
        assertThat(rules.get(1).at("/selection/tagStatus").asText()).isEqualTo("any");
        assertThat(rules.get(1).path("rulePriority").asInt()).isGreaterThan(rules.get(0).path("rulePriority").asInt());
    }

    @Test
    void build_keepCachedImagesForever_templateWithoutLifecyclePolicy() {
        TerraformStack stack = Fixtures.stack();
        cache(stack, RuleSet.of(Fixtures.quay())).keepCachedImagesForever().build();
        JsonNode template = Synth.only(Synth.stack(stack), EcrRepositoryCreationTemplate.TF_RESOURCE_TYPE);
        assertThat(template.has("lifecycle_policy")).isFalse();
    }

    @Test
    void build_creationTemplatesOff_onlyRules() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache made = cache(stack, Fixtures.named()).creationTemplates(false).build();
        JsonNode json = Synth.stack(stack);
        assertThat(json.path("resource").has(EcrRepositoryCreationTemplate.TF_RESOURCE_TYPE)).isFalse();
        assertThat(made.getCreationTemplates()).isEmpty();
        assertThat(made.getRules()).containsOnlyKeys("docker_hub", "ecr_public", "quay");
    }

    @Test
    void build_expiryDaysOutOfRange_throwsNamingTheValue() {
        assertThatThrownBy(() -> cache(Fixtures.stack(), Fixtures.named()).expireCachedImagesAfterDays(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expire_after_days 0: must be a whole number of days from 1 to 3650, or null.");
        assertThatThrownBy(() -> cache(Fixtures.stack(), Fixtures.named()).expireUntaggedImagesAfterDays(3651).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("untagged_expire_after_days 3651");
    }

    @Test
    void build_kmsWithoutTemplateRole_throws() {
        assertThatThrownBy(() -> cache(Fixtures.stack(), Fixtures.named()).kmsKeyArn("arn:aws:kms:eu-west-1:1:key/x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(CacheSettings.TEMPLATE_ROLE_NEEDED);
        assertThatThrownBy(() -> cache(Fixtures.stack(), Fixtures.named()).repositoryTags(Map.of("a", "b")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(CacheSettings.TEMPLATE_ROLE_NEEDED);
    }

    @Test
    void build_kmsAndTagsWithRole_templateCarriesThem() {
        TerraformStack stack = Fixtures.stack();
        cache(stack, RuleSet.of(Fixtures.quay())).templateCustomRoleArn("arn:aws:iam::123456789012:role/ecr-templates")
                .kmsKeyArn("arn:aws:kms:eu-west-1:123456789012:key/k").repositoryTags(Map.of("cache", "true")).build();
        JsonNode template = Synth.only(Synth.stack(stack), EcrRepositoryCreationTemplate.TF_RESOURCE_TYPE);
        assertThat(template.path("custom_role_arn").asText()).endsWith(":role/ecr-templates");
        assertThat(template.at("/encryption_configuration/0/encryption_type").asText()).isEqualTo("KMS");
        assertThat(template.at("/resource_tags/cache").asText()).isEqualTo("true");
    }

    @Test
    void build_invalidRuleSet_throwsListingEveryProblemAndAddsNothing() {
        TerraformStack stack = Fixtures.stack();
        assertThatThrownBy(() -> cache(stack, Fixtures.threeMistakes()).build())
                .isInstanceOfSatisfying(InvalidRuleSetException.class, e -> {
                    assertThat(e.report().errors()).extracting(p -> p.ruleKey())
                            .contains("hub", "github", "quay");
                    assertThat(e.getMessage()).contains("rule \"hub\"", "registry-1.docker.io", "rule \"github\"",
                            "credential_arn", "rule \"quay\"", "Quay!");
                });
        assertThat(stack.getNode().tryFindChild("cache")).isNull();
    }

    @Test
    void build_dockerHubWithoutCredential_rejectedInCreateMode() {
        RuleSet noCredential = RuleSet.of(PullThroughRule.builder("docker_hub").ecrRepositoryPrefix("docker-hub")
                .upstreamRegistryUrl("registry-1.docker.io").build());
        assertThatThrownBy(() -> cache(Fixtures.stack(), noCredential).build())
                .isInstanceOf(InvalidRuleSetException.class).hasMessageContaining("credential_arn");
    }

    @Test
    void registryHost_givenAccountAndRegion_isLiteralAndNoLookups() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache made = cache(stack, Fixtures.named()).build();
        assertThat(made.getRegistryHost()).isEqualTo(Fixtures.HOST);
        assertThat(Synth.stack(stack).has("data")).isFalse();
    }

    @Test
    void registryHost_nothingGiven_usesDataSources() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache made = EcrPullThroughCache.Builder.create(stack, "cache").rules(Fixtures.named()).build();
        TerraformOutput.Builder.create(stack, "host").value(made.getRegistryHost()).build();
        JsonNode json = Synth.stack(stack);
        assertThat(json.path("data").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("aws_caller_identity", "aws_region", "aws_partition");
        assertThat(json.at("/output/host/value").asText()).matches(
                "\\$\\{data\\.aws_caller_identity\\.[\\w-]+\\.account_id}\\.dkr\\.ecr\\."
                        + "\\$\\{data\\.aws_region\\.[\\w-]+\\.name}\\.\\$\\{data\\.aws_partition\\.[\\w-]+\\.dns_suffix}");
    }

    @Test
    void registryHost_literalRegionOnly_partitionFromRegionNoPartitionLookup() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache.Builder.create(stack, "cache").rules(Fixtures.named()).region(Fixtures.REGION).build();
        JsonNode json = Synth.stack(stack);
        assertThat(json.path("data").fieldNames()).toIterable().containsExactly("aws_caller_identity");
    }

    @Test
    void build_govCloudRegion_namesAGovCloudHost() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache cache = EcrPullThroughCache.Builder.create(stack, "cache").rules(RuleSet.of(Fixtures.quay()))
                .accountId(Fixtures.ACCOUNT).region("us-gov-west-1").partition(Partition.AWS_US_GOV).build();

        assertThat(cache.getRegistryHost()).isEqualTo(Fixtures.ACCOUNT + ".dkr.ecr.us-gov-west-1.amazonaws.com");
    }

    @Test
    void build_govCloudRegionInTheCommercialPartition_throwsBeforeAddingAnything() {
        TerraformStack stack = Fixtures.stack();
        assertThatThrownBy(() -> EcrPullThroughCache.Builder.create(stack, "cache").rules(Fixtures.named())
                .accountId(Fixtures.ACCOUNT).region("us-gov-west-1").partition(Partition.AWS).build())
                .isInstanceOf(InvalidCoordinatesException.class).hasMessageContaining("aws-us-gov");
        assertThat(stack.getNode().getChildren()).hasSize(1);
    }

    @Test
    void build_rootRule_warnsAboutBreadthAsAnnotation() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache made = cache(stack, Fixtures.rootDockerHub()).build();
        List<MetadataEntry> metadata = made.getNode().getMetadata();
        assertThat(metadata).anySatisfy(m -> {
            assertThat(m.getType()).contains("warn");
            assertThat(String.valueOf(m.getData())).contains("repository/*");
        });
        JsonNode json = Synth.stack(stack);
        assertThat(Synth.resources(json, EcrRepositoryCreationTemplate.TF_RESOURCE_TYPE).values())
                .extracting(t -> t.path("prefix").asText()).contains("ROOT");
    }

    @Test
    void runsOnRules_dropCredentialsKeepPrefixes() {
        EcrPullThroughCache made = cache(Fixtures.stack(), Fixtures.named()).build();
        assertThat(made.getRunnerRules().rules()).allSatisfy(r -> assertThat(r.credentialArn()).isEmpty());
        assertThat(made.getRunnerRulesValue()).containsOnlyKeys("docker_hub", "ecr_public", "quay");
        assertThat(made.getRunnerRulesValue().get("docker_hub")).containsExactly(
                Map.entry("ecr_repository_prefix", "docker-hub"),
                Map.entry("upstream_registry_url", "registry-1.docker.io"));
    }

    @Test
    void build_regionWithoutNumber_throwsTheModulesMessage() {
        assertThatThrownBy(() -> cache(Fixtures.stack(), Fixtures.named()).region("us-east").build())
                .isInstanceOf(InvalidCoordinatesException.class)
                .hasMessage("region \"us-east\": not an AWS region name; use a region such as us-east-1 or eu-west-1.");
    }

    @Test
    void build_credentialInAnotherRegion_rejected() {
        RuleSet elsewhere = RuleSet.of(PullThroughRule.builder("docker_hub").ecrRepositoryPrefix("docker-hub")
                .upstreamRegistryUrl("registry-1.docker.io")
                .credentialArn("arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf")
                .build());
        assertThatThrownBy(() -> cache(Fixtures.stack(), elsewhere).build())
                .isInstanceOf(InvalidRuleSetException.class)
                .hasMessageContaining("in the registry's own account and region");
    }

    @Test
    void build_chinaRegion_hostUnderAmazonawsComCn() {
        RuleSet quay = RuleSet.of(Fixtures.quay());
        EcrPullThroughCache made = EcrPullThroughCache.Builder.create(Fixtures.stack(), "cache").rules(quay)
                .accountId(Fixtures.ACCOUNT).region("cn-north-1").build();
        assertThat(made.getRegistryHost()).isEqualTo(Fixtures.ACCOUNT + ".dkr.ecr.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void build_unknownTagMutability_throwsTheModulesMessage() {
        assertThatThrownBy(() -> cache(Fixtures.stack(), Fixtures.named()).imageTagMutability("mutable").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image_tag_mutability \"mutable\": must be MUTABLE or IMMUTABLE.");
    }

    private static final String SPOKE = "222222222222";
    private static final String ORGANIZATION = "o-a1b2c3d4e5";
    private static final String REPOSITORIES = "arn:aws:ecr:" + Fixtures.REGION + ":" + Fixtures.ACCOUNT + ":repository/";

    @Test
    void build_sharedWithOrganizationAndAccount_registryPolicyAndTemplateRepositoryPolicies() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache made = cache(stack, Fixtures.named())
                .shareWith(ShareWith.of(List.of(ORGANIZATION), List.of(), List.of(SPOKE))).build();
        JsonNode json = Synth.stack(stack);

        JsonNode registry = Synth.parse(Synth.only(json, EcrRegistryPolicy.TF_RESOURCE_TYPE).path("policy").asText());
        assertThat(registry).isEqualTo(Synth.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"SharedCacheFirstPullAccounts","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                  "Action":["ecr:BatchImportUpstreamImage","ecr:CreateRepository"],
                  "Resource":["%1$sdocker-hub/*","%1$secr-public/*","%1$squay/*"]},
                 {"Sid":"SharedCacheFirstPullOrganizations","Effect":"Allow","Principal":{"AWS":"*"},
                  "Action":["ecr:BatchImportUpstreamImage","ecr:CreateRepository"],
                  "Resource":["%1$sdocker-hub/*","%1$secr-public/*","%1$squay/*"],
                  "Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-a1b2c3d4e5"]}}}]}
                """.formatted(REPOSITORIES)));
        JsonNode expectedRepositoryPolicy = Synth.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"SharedCachePullAccounts","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                  "Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]},
                 {"Sid":"SharedCachePullOrganizations","Effect":"Allow","Principal":{"AWS":"*"},
                  "Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],
                  "Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-a1b2c3d4e5"]}}}]}
                """);
        Map<String, JsonNode> templates = Synth.resources(json, EcrRepositoryCreationTemplate.TF_RESOURCE_TYPE);
        assertThat(templates).hasSize(3);
        templates.values().forEach(t -> assertThat(Synth.parse(t.path("repository_policy").asText()))
                .isEqualTo(expectedRepositoryPolicy));
        assertThat(made.getRegistryPolicy()).isNotNull();
        assertThat(made.getResources()).contains(made.getRegistryPolicy());
    }

    @Test
    void build_notShared_noRegistryPolicyAndNoRepositoryPolicy() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache made = cache(stack, Fixtures.named()).shareWith(ShareWith.nobody()).build();
        JsonNode json = Synth.stack(stack);

        assertThat(Synth.resources(json, EcrRegistryPolicy.TF_RESOURCE_TYPE)).isEmpty();
        Synth.resources(json, EcrRepositoryCreationTemplate.TF_RESOURCE_TYPE).values()
                .forEach(t -> assertThat(t.has("repository_policy")).isFalse());
        assertThat(made.getRegistryPolicy()).isNull();
    }

    @Test
    void build_badShareWithEntries_throwsShareWithsMessagesBeforeAnythingIsCreated() {
        TerraformStack stack = Fixtures.stack();
        ShareWith bad = ShareWith.of(List.of("o-short"), List.of(), List.of("12345"));

        assertThatThrownBy(() -> cache(stack, Fixtures.named()).shareWith(bad).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join("\n", bad.problems(Fixtures.named())));
        assertThat(stack.getNode().tryFindChild("cache")).isNull();
    }

    @Test
    void build_sharedRootRuleWithoutTemplates_refusedWithTheModulesMessages() {
        TerraformStack stack = Fixtures.stack();

        assertThatThrownBy(() -> cache(stack, Fixtures.rootDockerHub()).creationTemplates(false)
                .shareWith(ShareWith.of(List.of(), List.of(), List.of(SPOKE))).build())
                .hasMessage(ShareWith.ROOT_RULE_PROBLEM + "\n" + ShareWith.NEEDS_TEMPLATES_PROBLEM);
    }
}
