package dev.pullthrough.cdktf.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullthrough.cdktf.aws.AwsProvider;
import dev.pullthrough.iam.RunnerPolicy;
import dev.pullthrough.model.RunnerEnvironment;
import dev.pullthrough.testing.cdktf.CdktfCli;
import dev.pullthrough.testing.cdktf.ProjectPaths;
import dev.pullthrough.testing.cdktf.ProviderSchema;
import dev.pullthrough.testing.cdktf.SynthesizedStack;
import dev.pullthrough.testing.cdktf.TempDirs;
import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.terraform.PlannedResource;
import dev.pullthrough.testing.terraform.TerraformPlan;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The top-level cdktf.json, run the way a platform pipeline runs it: real `cdktf synth` (cdktf-cli 0.19.2) starting
 * the project's cli jar, then the synthesized stack planned offline by real terraform and the AWS provider.
 */
class ExampleAppSynthIT {
    private static final String STACK = ExampleApp.STACK_NAME;
    private static final String APP_SCRIPT = "bin/cdktf-example-app";
    private static Path appDir;
    private static ProcessResult synth;
    private static TerraformPlan plan;
    private static JsonNode stack;

    @BeforeAll
    static void synthesizeAndPlan() throws Exception {
        Path root = ProjectPaths.root();
        Path jar = ProjectPaths.target().resolve("pullthrough-0.1.0-cli.jar");
        assertThat(jar).as("the package phase builds the cli jar before integration tests").isRegularFile();
        appDir = Files.createTempDirectory("cdktf-example-app-");
        // The project's own cdktf.json, its app script path made absolute so a copy elsewhere runs this project.
        String cdktfJson = Files.readString(root.resolve("cdktf.json"));
        assertThat(cdktfJson).contains("\"app\": \"" + APP_SCRIPT + "\"");
        Files.writeString(appDir.resolve("cdktf.json"),
                cdktfJson.replace("\"" + APP_SCRIPT + "\"", "\"" + root.resolve(APP_SCRIPT) + "\""));

        synth = CdktfCli.synth(appDir);
        stack = SynthesizedStack.read(CdktfCli.stackFile(appDir, STACK));
        try (TerraformWorkspace ws = SynthesizedStack.workspace(appDir, STACK, "us-east-1")) {
            plan = ws.initAndPlan();
        }
    }

    @AfterAll
    static void cleanUp() {
        if (appDir != null) {
            TempDirs.deleteRecursively(appDir);
        }
    }

    private static List<String> addressesOf(String type) {
        return plan.resourcesOfType(type).stream().map(PlannedResource::address).toList();
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
    void cdktfSynth_topLevelCdktfJson_reportsTheStack() {
        assertThat(synth.stdout() + synth.stderr()).contains(STACK);
    }

    @Test
    void synthesizedStack_matchesProviderSchema() {
        assertThat(ProviderSchema.aws(AwsProvider.CHECKED_VERSION).check(stack)).isEmpty();
        assertThat(stack.at("/terraform/required_providers/aws/version").asText()).isEqualTo(AwsProvider.VERSION_CONSTRAINT);
    }

    @Test
    void plan_createsRulesTemplatesPolicyAndAttachment() {
        assertThat(plan.resourceAddresses()).hasSize(8);
        assertThat(addressesOf("aws_ecr_pull_through_cache_rule")).satisfiesExactly(
                a -> assertThat(a).matches("aws_ecr_pull_through_cache_rule\\.cache_rule-docker_hub_[0-9A-F]{8}"),
                a -> assertThat(a).matches("aws_ecr_pull_through_cache_rule\\.cache_rule-ecr_public_[0-9A-F]{8}"),
                a -> assertThat(a).matches("aws_ecr_pull_through_cache_rule\\.cache_rule-github_[0-9A-F]{8}"));
        assertThat(addressesOf("aws_ecr_repository_creation_template")).hasSize(3);
        assertThat(addressesOf("aws_iam_policy")).singleElement().asString().startsWith("aws_iam_policy.runners_access_policy_");
        assertThat(addressesOf("aws_iam_role_policy_attachment")).hasSize(1);
        assertThat(plan.resourceChanges()).noneMatch(r -> "data".equals(r.mode()));
    }

    @Test
    void plan_rulesCarryUpstreamsAndCredentials() {
        Map<String, PlannedResource> byPrefix = new java.util.TreeMap<>();
        plan.resourcesOfType("aws_ecr_pull_through_cache_rule")
                .forEach(r -> byPrefix.put(r.attribute("ecr_repository_prefix").text(), r));
        assertThat(byPrefix).containsOnlyKeys("docker-hub", "ecr-public", "ghcr");
        assertThat(byPrefix.get("docker-hub").attribute("upstream_registry_url").text()).isEqualTo("registry-1.docker.io");
        assertThat(byPrefix.get("docker-hub").attribute("credential_arn").text()).endsWith(":secret:ecr-pullthroughcache/docker-hub");
        assertThat(byPrefix.get("ghcr").attribute("credential_arn").text()).endsWith(":secret:ecr-pullthroughcache/ghcr");
        assertThat(byPrefix.get("ecr-public").attribute("credential_arn").isNull()).isTrue();
    }

    @Test
    void plan_templatesExpireCachedImagesAfter30Days() {
        for (PlannedResource template : plan.resourcesOfType("aws_ecr_repository_creation_template")) {
            JsonNode policy = template.attribute("lifecycle_policy").parsedJson();
            assertThat(policy.at("/rules/0/selection/countNumber").asInt()).as(template.address()).isEqualTo(30);
            assertThat(template.attribute("applied_for").json()).extracting(JsonNode::asText)
                    .containsExactly("PULL_THROUGH_CACHE");
        }
    }

    @Test
    void plan_policyScopedToTheThreePrefixesAttachedToRunnerRole() {
        PlannedResource policy = plan.resourcesOfType("aws_iam_policy").get(0);
        Map<String, JsonNode> bySid = new java.util.LinkedHashMap<>();
        policy.attribute("policy").parsedJson().path("Statement").forEach(s -> bySid.put(s.path("Sid").asText(), s));
        assertThat(bySid).containsOnlyKeys(RunnerPolicy.SID_AUTH, RunnerPolicy.SID_PULL, RunnerPolicy.SID_IMPORT);
        String base = "arn:aws:ecr:us-east-1:123456789012:repository/";
        assertThat(strings(bySid.get(RunnerPolicy.SID_PULL).path("Resource")))
                .containsExactly(base + "docker-hub/*", base + "ecr-public/*", base + "ghcr/*");
        bySid.values().forEach(s -> assertThat(strings(s.path("Action"))).doesNotContain("ecr:*", "ecr:CreatePullThroughCacheRule"));
        PlannedResource attachment = plan.resourcesOfType("aws_iam_role_policy_attachment").get(0);
        assertThat(attachment.attribute("role").text()).isEqualTo("runner-instance-role");
        assertThat(attachment.attribute("policy_arn").isUnknown()).isTrue();
    }

    @Test
    void plan_outputsRunnerEnvironmentAndRules() {
        assertThat(plan.output("runner_environment").json().properties()).extracting(e -> e.getKey() + "=" + e.getValue().asText())
                .containsExactlyInAnyOrder(
                        RunnerEnvironment.CACHE + "=123456789012.dkr.ecr.us-east-1.amazonaws.com",
                        RunnerEnvironment.DOCKER_HUB_MIRROR + "=true",
                        RunnerEnvironment.DOCKER_HUB_PREFIX + "=docker-hub");
        assertThat(plan.output("registry_host").text()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com");
        assertThat(plan.output("docker_hub_mirror").json().asBoolean()).isTrue();
        assertThat(plan.output("runner_extras").json()).extracting(JsonNode::asText).containsExactly("ecr-pull-through");
        JsonNode rules = plan.output("ecr_pull_through_cache_rules").json();
        assertThat(rules.at("/github/ecr_repository_prefix").asText()).isEqualTo("ghcr");
        assertThat(rules.at("/docker_hub").has("credential_arn")).isFalse();
    }
}
