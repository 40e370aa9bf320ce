package dev.pullthrough.cdktf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.pullthrough.cdktf.aws.IamPolicy;
import dev.pullthrough.cdktf.aws.IamRolePolicyAttachment;
import dev.pullthrough.iam.RunnerPolicy;
import dev.pullthrough.model.InvalidRuleSetException;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.testing.cdktf.Synth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcrPullThroughCacheAccessTest {

    /** The synthesized policy document, statements by Sid. */
    private static Map<String, JsonNode> statements(JsonNode stack) {
        JsonNode doc = Synth.parse(Synth.only(stack, IamPolicy.TF_RESOURCE_TYPE).path("policy").asText());
        Map<String, JsonNode> bySid = new java.util.LinkedHashMap<>();
        doc.path("Statement").forEach(s -> bySid.put(s.path("Sid").asText(), s));
        return bySid;
    }

    private static List<String> strings(JsonNode oneOrMany) {
        List<String> out = new ArrayList<>();
        if (oneOrMany.isArray()) {
            oneOrMany.forEach(n -> out.add(n.asText()));
        } else {
            out.add(oneOrMany.asText());
        }
        return out;
    }

    @Test
    void build_namedPrefixes_scopesPullAndImportPerPrefix() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCacheAccess.Builder.create(stack, "access").rules(Fixtures.named())
                .accountId(Fixtures.ACCOUNT).region(Fixtures.REGION).build();
        Map<String, JsonNode> st = statements(Synth.stack(stack));

        assertThat(st).containsOnlyKeys(RunnerPolicy.SID_AUTH, RunnerPolicy.SID_PULL, RunnerPolicy.SID_IMPORT);
        assertThat(strings(st.get(RunnerPolicy.SID_AUTH).path("Action"))).containsExactly("ecr:GetAuthorizationToken");
        assertThat(strings(st.get(RunnerPolicy.SID_AUTH).path("Resource"))).containsExactly("*");
        String base = "arn:aws:ecr:eu-west-1:123456789012:repository/";
        for (String sid : List.of(RunnerPolicy.SID_PULL, RunnerPolicy.SID_IMPORT)) {
            assertThat(strings(st.get(sid).path("Resource"))).containsExactlyInAnyOrder(
                    base + "docker-hub/*", base + "ecr-public/*", base + "quay/*");
        }
        // The exact allow-list, as RunnerPolicyTest asserts it: one more action is a failure, not a pass.
        assertThat(strings(st.get(RunnerPolicy.SID_PULL).path("Action"))).containsExactly(
                "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");
        assertThat(strings(st.get(RunnerPolicy.SID_IMPORT).path("Action"))).containsExactly(
                "ecr:BatchImportUpstreamImage", "ecr:CreateRepository");
    }

    @Test
    void build_nothingGiven_arnsUseDataSourceReferences() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCacheAccess.Builder.create(stack, "access").rules(RuleSet.of(Fixtures.quay())).build();
        JsonNode json = Synth.stack(stack);
        List<String> resources = strings(statements(json).get(RunnerPolicy.SID_PULL).path("Resource"));
        assertThat(resources).singleElement().asString().matches(
                "arn:\\$\\{data\\.aws_partition\\.[\\w-]+\\.partition}:ecr:\\$\\{data\\.aws_region\\.[\\w-]+\\.name}:"
                        + "\\$\\{data\\.aws_caller_identity\\.[\\w-]+\\.account_id}:repository/quay/\\*");
    }

    @Test
    void build_rootRule_grantsAllRepositoriesAndWarnsOnce() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCacheAccess access = EcrPullThroughCacheAccess.Builder.create(stack, "access")
                .rules(Fixtures.rootDockerHub()).accountId(Fixtures.ACCOUNT).region(Fixtures.REGION).build();
        Map<String, JsonNode> st = statements(Synth.stack(stack));
        assertThat(strings(st.get(RunnerPolicy.SID_PULL).path("Resource")))
                .containsExactly("arn:aws:ecr:eu-west-1:123456789012:repository/*");
        assertThat(access.getNode().getMetadata()).filteredOn(m -> String.valueOf(m.getData()).contains("ROOT"))
                .singleElement().satisfies(m -> assertThat(String.valueOf(m.getData())).contains("docker-hub"));
    }

    @Test
    void build_roleNames_attachPolicyToEachRole() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCacheAccess.Builder.create(stack, "access").rules(Fixtures.named())
                .accountId(Fixtures.ACCOUNT).region(Fixtures.REGION)
                .roleNames(List.of("runner-a", "runner-b")).policyName("runners-ecr").build();
        JsonNode json = Synth.stack(stack);
        Map<String, JsonNode> attachments = Synth.resources(json, IamRolePolicyAttachment.TF_RESOURCE_TYPE);
        assertThat(attachments.values()).extracting(a -> a.path("role").asText())
                .containsExactlyInAnyOrder("runner-a", "runner-b");
        String policyName = Synth.resources(json, IamPolicy.TF_RESOURCE_TYPE).keySet().iterator().next();
        assertThat(attachments.values()).allSatisfy(a -> assertThat(a.path("policy_arn").asText())
                .isEqualTo("${aws_iam_policy." + policyName + ".arn}"));
        assertThat(Synth.only(json, IamPolicy.TF_RESOURCE_TYPE).path("name").asText()).isEqualTo("runners-ecr");
    }

    @Test
    void build_defaultName_usesUniqueNamePrefix() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCacheAccess.Builder.create(stack, "access").rules(Fixtures.named())
                .accountId(Fixtures.ACCOUNT).region(Fixtures.REGION).build();
        JsonNode policy = Synth.only(Synth.stack(stack), IamPolicy.TF_RESOURCE_TYPE);
        assertThat(policy.path("name_prefix").asText()).isEqualTo(EcrPullThroughCacheAccess.DEFAULT_NAME_PREFIX);
        assertThat(policy.has("name")).isFalse();
    }

    @Test
    void build_roleNameToken_passesThrough() {
        TerraformStack stack = Fixtures.stack();
        com.hashicorp.cdktf.TerraformVariable role = com.hashicorp.cdktf.TerraformVariable.Builder
                .create(stack, "runner_role").type("string").build();
        EcrPullThroughCacheAccess.Builder.create(stack, "access").rules(Fixtures.named())
                .accountId(Fixtures.ACCOUNT).region(Fixtures.REGION).roleNames(List.of(role.getStringValue())).build();
        JsonNode attachment = Synth.only(Synth.stack(stack), IamRolePolicyAttachment.TF_RESOURCE_TYPE);
        assertThat(attachment.path("role").asText()).isEqualTo("${var.runner_role}");
    }

    @Test
    void build_existingRulesWithoutCredentials_accepted() {
        RuleSet runsOnShape = RuleSet.of(PullThroughRule.builder("docker_hub").ecrRepositoryPrefix("docker-hub")
                .upstreamRegistryUrl("registry-1.docker.io").build());
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCacheAccess.Builder.create(stack, "access").rules(runsOnShape)
                .accountId(Fixtures.ACCOUNT).region(Fixtures.REGION).build();
        assertThat(Synth.resources(Synth.stack(stack), IamPolicy.TF_RESOURCE_TYPE)).hasSize(1);
    }

    @Test
    void build_invalidRules_throwsListingEveryProblem() {
        RuleSet bad = RuleSet.of(
                PullThroughRule.builder("hub").ecrRepositoryPrefix("docker-hub").upstreamRegistryUrl("docker.io").build(),
                PullThroughRule.builder("q").ecrRepositoryPrefix("x").upstreamRegistryUrl("quay.io").build());
        assertThatThrownBy(() -> EcrPullThroughCacheAccess.Builder.create(Fixtures.stack(), "access").rules(bad).build())
                .isInstanceOf(InvalidRuleSetException.class)
                .hasMessageContaining("rule \"hub\"").hasMessageContaining("rule \"q\"");
    }

    private static List<String> attachmentAddresses(JsonNode stack) {
        List<String> names = new ArrayList<>();
        stack.path("resource").path(IamRolePolicyAttachment.TF_RESOURCE_TYPE).fields()
                .forEachRemaining(e -> names.add(e.getKey() + "=" + e.getValue().path("role").asText()));
        return names;
    }

    @Test
    void build_removingOneRole_changesOnlyThatRolesAttachment() {
        TerraformStack three = Fixtures.stack();
        EcrPullThroughCacheAccess.Builder.create(three, "access").rules(Fixtures.named())
                .accountId(Fixtures.ACCOUNT).region(Fixtures.REGION)
                .roleNames(List.of("runner-a", "runner-b", "runner-c")).build();
        TerraformStack two = Fixtures.stack();
        EcrPullThroughCacheAccess.Builder.create(two, "access").rules(Fixtures.named())
                .accountId(Fixtures.ACCOUNT).region(Fixtures.REGION)
                .roleNames(List.of("runner-b", "runner-c")).build();

        List<String> before = attachmentAddresses(Synth.stack(three));
        List<String> after = attachmentAddresses(Synth.stack(two));

        assertThat(before).hasSize(3);
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        assertThat(removed).singleElement().asString().endsWith("=runner-a").contains("role-runner-a");
        assertThat(before).containsAll(after);
    }

    @Test
    void build_roleArnAsName_throwsTheModulesMessage() {
        String arn = "arn:aws:iam::123456789012:role/x";
        assertThatThrownBy(() -> EcrPullThroughCacheAccess.Builder.create(Fixtures.stack(), "access")
                .rules(Fixtures.named()).accountId(Fixtures.ACCOUNT).region(Fixtures.REGION)
                .roleNames(List.of(arn)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dev.pullthrough.model.RoleNames.message(arn));
    }

    @Test
    void build_noRules_noPolicyAndNoAttachment() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCacheAccess made = EcrPullThroughCacheAccess.Builder.create(stack, "access")
                .rules(RuleSet.empty()).accountId(Fixtures.ACCOUNT).region(Fixtures.REGION)
                .roleNames(List.of("runner")).build();
        assertThat(Synth.stack(stack).path("resource").has(IamPolicy.TF_RESOURCE_TYPE)).isFalse();
        assertThat(made.getPolicyArn()).isNull();
        assertThat(made.getAttachments()).isEmpty();
    }

    @Test
    void build_hubRegistry_policyNamesTheHubsRepositoriesAsPullthroughPolicyDoes() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCacheAccess made = EcrPullThroughCacheAccess.Builder.create(stack, "access")
                .rules(Fixtures.named()).accountId(Fixtures.ACCOUNT).region(Fixtures.REGION)
                .registryAccountId("111111111111").registryRegion("us-east-2").build();

        assertThat(made.getPolicyJson()).isEqualTo(RunnerPolicy.from(Fixtures.named(),
                RegistryCoordinates.of("111111111111", "us-east-2").arnScope()).toJson());
        assertThatThrownBy(() -> EcrPullThroughCacheAccess.Builder.create(Fixtures.stack(), "access")
                .rules(Fixtures.named()).registryRegion("eu-west1").build())
                .hasMessage("registry_region \"eu-west1\": " + RegistryCoordinates.REGION_PROBLEM + ".");
    }
}
