package dev.pullthrough.cdktf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import dev.pullthrough.cdktf.aws.EcrPullThroughCacheRule;
import dev.pullthrough.cdktf.aws.IamPolicy;
import dev.pullthrough.cdktf.aws.IamRolePolicyAttachment;
import dev.pullthrough.model.InvalidCoordinatesException;
import dev.pullthrough.model.InvalidRuleSetException;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.RunnerEnvironment;
import dev.pullthrough.testing.cdktf.Synth;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerFleetPullThroughTest {

    private static RunnerFleetPullThrough.Builder fleet(TerraformStack stack, RuleSet rules) {
        return RunnerFleetPullThrough.Builder.create(stack, "runners").rules(rules)
                .accountId(Fixtures.ACCOUNT).region(Fixtures.REGION);
    }

    @Test
    void runnerEnvironment_dockerHubRule_setsMirrorAndPrefix() {
        RunnerFleetPullThrough made = fleet(Fixtures.stack(), Fixtures.named()).build();
        assertThat(made.getRunnerEnvironment()).containsExactly(
                java.util.Map.entry(RunnerEnvironment.CACHE, Fixtures.HOST),
                java.util.Map.entry(RunnerEnvironment.DOCKER_HUB_MIRROR, "true"),
                java.util.Map.entry(RunnerEnvironment.DOCKER_HUB_PREFIX, "docker-hub"));
        assertThat(made.isDockerHubMirror()).isTrue();
        assertThat(made.getRunnerExtras()).containsExactly("ecr-pull-through");
    }

    @Test
    void hookRulesJson_readByTheHook_sameRules() throws Exception {
        RunnerFleetPullThrough made = fleet(Fixtures.stack(), Fixtures.named()).build();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("rules", ".json");
        try {
            java.nio.file.Files.writeString(file, made.getHookRulesJson());

            assertThat(dev.pullthrough.hook.RulesFile.read(file)).isEqualTo(made.getRules());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void runnerEnvironment_noDockerHubRule_onlyCacheHost() {
        RunnerFleetPullThrough made = fleet(Fixtures.stack(), RuleSet.of(Fixtures.quay())).build();
        assertThat(made.getRunnerEnvironment()).containsOnlyKeys(RunnerEnvironment.CACHE);
        assertThat(made.isDockerHubMirror()).isFalse();
    }

    @Test
    void runnerEnvironment_rootDockerHub_prefixIsRoot() {
        RunnerFleetPullThrough made = fleet(Fixtures.stack(), Fixtures.rootDockerHub()).build();
        assertThat(made.getRunnerEnvironment()).containsEntry(RunnerEnvironment.DOCKER_HUB_PREFIX, "ROOT");
    }

    @Test
    void runnerEnvironment_noRules_isEmpty() {
        RunnerFleetPullThrough made = fleet(Fixtures.stack(), RuleSet.empty()).build();
        assertThat(made.getRunnerEnvironment()).isEmpty();
        assertThat(made.getRunnerExtras()).isEmpty();
    }

    @Test
    void build_runsOnShapeWithoutCredentials_validAsExistingRules() {
        RuleSet runsOn = RuleSet.of(PullThroughRule.builder("docker_hub").ecrRepositoryPrefix("docker-hub")
                .upstreamRegistryUrl("registry-1.docker.io").build());
        TerraformStack stack = Fixtures.stack();
        fleet(stack, runsOn).roleNames(List.of("runner")).build();
        JsonNode json = Synth.stack(stack);
        assertThat(json.path("resource").has(EcrPullThroughCacheRule.TF_RESOURCE_TYPE))
                .as("the runner side never creates rules").isFalse();
        assertThat(Synth.resources(json, IamPolicy.TF_RESOURCE_TYPE)).hasSize(1);
        assertThat(Synth.only(json, IamRolePolicyAttachment.TF_RESOURCE_TYPE).path("role").asText()).isEqualTo("runner");
    }

    @Test
    void build_invalidRules_throwsListingEveryProblem() {
        RuleSet bad = RuleSet.of(
                PullThroughRule.builder("hub").ecrRepositoryPrefix("docker-hub").upstreamRegistryUrl("docker.io").build(),
                PullThroughRule.builder("dup").ecrRepositoryPrefix("docker-hub/").upstreamRegistryUrl("quay.io").build());
        TerraformStack stack = Fixtures.stack();
        assertThatThrownBy(() -> fleet(stack, bad).build())
                .isInstanceOfSatisfying(InvalidRuleSetException.class, e -> assertThat(e.report().errors().size())
                        .isGreaterThanOrEqualTo(2))
                .hasMessageContaining("rule \"hub\"").hasMessageContaining("docker.io");
        assertThat(stack.getNode().tryFindChild("runners")).isNull();
    }

    @Test
    void cache_sameApp_takesRulesAndHostAndOneLookupSet() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache cache = EcrPullThroughCache.Builder.create(stack, "cache").rules(Fixtures.named()).build();
        RunnerFleetPullThrough made = RunnerFleetPullThrough.Builder.create(stack, "runners").cache(cache).build();
        TerraformOutput.Builder.create(stack, "env").value(made.getRunnerEnvironment()).build();
        TerraformOutput.Builder.create(stack, "rules").value(made.getRulesValue()).build();
        JsonNode json = Synth.stack(stack);
        assertThat(made.getRegistryHost()).isEqualTo(cache.getRegistryHost());
        assertThat(json.at("/output/env/value/" + RunnerEnvironment.CACHE).asText()).contains("${data.aws_caller_identity.");
        assertThat(json.at("/output/rules/value/docker_hub/ecr_repository_prefix").asText()).isEqualTo("docker-hub");
        assertThat(json.at("/output/rules/value/docker_hub").has("credential_arn")).isFalse();
        // the cache resolves the location once; the fleet and its policy take it from the cache
        assertThat(Synth.dataSources(json, "aws_caller_identity")).hasSize(1);
    }

    private static final String HUB_ACCOUNT = "111111111111";
    private static final String HUB_REGION = "us-east-2";
    private static final String HUB_HOST = HUB_ACCOUNT + ".dkr.ecr." + HUB_REGION + ".amazonaws.com";

    @Test
    void registryAccountAndRegion_hubOfASharedCache_hostAndPolicyNameTheHub() {
        TerraformStack stack = Fixtures.stack();
        RunnerFleetPullThrough made = fleet(stack, Fixtures.named())
                .registryAccountId(HUB_ACCOUNT).registryRegion(HUB_REGION).roleNames(List.of("runner")).build();
        JsonNode json = Synth.stack(stack);

        assertThat(made.getRegistryHost()).isEqualTo(HUB_HOST);
        assertThat(made.getRunnerEnvironment()).containsEntry(RunnerEnvironment.CACHE, HUB_HOST);
        JsonNode policy = Synth.parse(Synth.only(json, IamPolicy.TF_RESOURCE_TYPE).path("policy").asText());
        String hubRepositories = "arn:aws:ecr:" + HUB_REGION + ":" + HUB_ACCOUNT + ":repository/";
        assertThat(policy.at("/Statement/1/Resource")).extracting(JsonNode::asText).containsExactly(
                hubRepositories + "docker-hub/*", hubRepositories + "ecr-public/*", hubRepositories + "quay/*");
        assertThat(policy.toString()).doesNotContain(Fixtures.ACCOUNT);
    }

    @Test
    void registryAccountAndRegion_winOverTheCachesLocation() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache cache = EcrPullThroughCache.Builder.create(stack, "cache").rules(Fixtures.named())
                .accountId(Fixtures.ACCOUNT).region(Fixtures.REGION).build();

        RunnerFleetPullThrough made = RunnerFleetPullThrough.Builder.create(stack, "runners").cache(cache)
                .registryAccountId(HUB_ACCOUNT).registryRegion(HUB_REGION).build();

        assertThat(made.getRegistryHost()).isEqualTo(HUB_HOST);
    }

    @Test
    void registryAccountAndRegion_givenAlone_noLookup() {
        TerraformStack stack = Fixtures.stack();
        RunnerFleetPullThrough.Builder.create(stack, "runners").rules(Fixtures.named())
                .registryAccountId(HUB_ACCOUNT).registryRegion(HUB_REGION).build();
        JsonNode json = Synth.stack(stack);

        assertThat(Synth.dataSources(json, "aws_caller_identity")).isEmpty();
        assertThat(Synth.dataSources(json, "aws_region")).isEmpty();
    }

    @Test
    void registryAccountId_notAnAccount_throwsTheModulesAndCliMessage() {
        assertThatThrownBy(() -> fleet(Fixtures.stack(), Fixtures.named()).registryAccountId("12345").build())
                .isInstanceOf(InvalidCoordinatesException.class)
                .hasMessage("registry_account_id \"12345\": " + RegistryCoordinates.ACCOUNT_ID_PROBLEM + ".");
        assertThatThrownBy(() -> fleet(Fixtures.stack(), Fixtures.named()).registryRegion("us-east").build())
                .hasMessage("registry_region \"us-east\": " + RegistryCoordinates.REGION_PROBLEM + ".");
    }

    @Test
    void registryRegion_inAnotherPartitionThanTheCachesLocation_throwsTheModulesAndCliMessage() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache cache = EcrPullThroughCache.Builder.create(stack, "cache").rules(Fixtures.named())
                .accountId(Fixtures.ACCOUNT).region(Fixtures.REGION).build();

        assertThatThrownBy(() -> RunnerFleetPullThrough.Builder.create(stack, "runners").cache(cache)
                .registryAccountId(HUB_ACCOUNT).registryRegion("cn-north-1").build())
                .isInstanceOf(InvalidCoordinatesException.class)
                .hasMessage("registry_region \"cn-north-1\": " + RegistryCoordinates.hubInOtherPartition("aws-cn", "aws") + ".");
    }
}
