package dev.pullthrough.cdktf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullthrough.model.RunnerEnvironment;
import dev.pullthrough.testing.cdktf.CdktfCli;
import dev.pullthrough.testing.cdktf.MavenInstall;
import dev.pullthrough.testing.cdktf.ProjectPaths;
import dev.pullthrough.testing.cdktf.SynthesizedStack;
import dev.pullthrough.testing.cdktf.TempDirs;
import dev.pullthrough.testing.terraform.PlannedResource;
import dev.pullthrough.testing.terraform.TerraformPlan;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/cdktf-java as a platform repository uses it: the project jar installed as
 * dev.pullthrough:pullthrough:0.1.0, `cdktf synth` on a copy of the example (Maven compiles and runs the app), then
 * the synthesized stack planned offline with real terraform.
 */
class CdktfJavaExampleIT {
    private static final String EXAMPLE = "examples/cdktf-java";
    private static final String STACK = "ci-runner-cache";
    private static final String REGION = "eu-central-1";
    private static final Set<String> NOT_COPIED = Set.of("target", "cdktf.out", ".terraform");
    private static Path appDir;
    private static TerraformPlan plan;

    @BeforeAll
    static void installSynthesizeAndPlan() throws IOException {
        MavenInstall.installProjectJar();
        appDir = Files.createTempDirectory("cdktf-java-example-");
        copyExample(ProjectPaths.root().resolve(EXAMPLE), appDir);
        CdktfCli.synth(appDir);
        try (TerraformWorkspace ws = SynthesizedStack.workspace(appDir, STACK, REGION)) {
            plan = ws.initAndPlan();
        }
    }

    private static void copyExample(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.getNameCount() > 0 && NOT_COPIED.contains(rel.getName(0).toString())) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    @AfterAll
    static void cleanUp() {
        if (appDir != null) {
            TempDirs.deleteRecursively(appDir);
        }
    }

    private static Map<String, PlannedResource> byAttribute(String type, String attribute) {
        Map<String, PlannedResource> out = new TreeMap<>();
        plan.resourcesOfType(type).forEach(r -> out.put(r.attribute(attribute).text(), r));
        return out;
    }

    @Test
    void plan_createsEveryResourceOfTheApp() {
        assertThat(plan.resourceAddresses()).hasSize(3 + 3 + 1 + 1 + 3 + 2);
        assertThat(plan.resourceAddresses()).allSatisfy(a -> assertThat(a).matches(
                "aws_[a-z_]+\\.(cache_(rule|template)-[a-z_]+|runners_access_(policy|role-[a-z0-9-]+)|endpoints_(ecr-api|ecr-dkr|s3|security-group|https))_[0-9A-F]{8}"));
        assertThat(byAttribute("aws_ecr_pull_through_cache_rule", "upstream_registry_url"))
                .containsOnlyKeys("public.ecr.aws", "registry-1.docker.io", "registry.k8s.io");
    }

    @Test
    void plan_templatesExpireAfter14Days() {
        assertThat(plan.resourcesOfType("aws_ecr_repository_creation_template")).hasSize(3).allSatisfy(t ->
                assertThat(t.attribute("lifecycle_policy").parsedJson().at("/rules/0/selection/countNumber").asInt())
                        .isEqualTo(14));
    }

    @Test
    void plan_policyNamedAndAttachedToTheVariableRole() {
        PlannedResource policy = plan.resourcesOfType("aws_iam_policy").get(0);
        assertThat(policy.attribute("name").text()).isEqualTo("ci-runner-ecr-pull-through");
        JsonNode statements = policy.attribute("policy").parsedJson().path("Statement");
        assertThat(statements).hasSize(3);
        assertThat(statements.get(1).path("Resource")).extracting(JsonNode::asText).containsExactly(
                "arn:aws:ecr:eu-central-1:111122223333:repository/docker-hub/*",
                "arn:aws:ecr:eu-central-1:111122223333:repository/ecr-public/*",
                "arn:aws:ecr:eu-central-1:111122223333:repository/k8s/*");
        assertThat(plan.resourcesOfType("aws_iam_role_policy_attachment").get(0).attribute("role").text())
                .isEqualTo("ci-runner");
    }

    @Test
    void plan_endpointsInTheVariableVpc() {
        Map<String, PlannedResource> endpoints = byAttribute("aws_vpc_endpoint", "service_name");
        assertThat(endpoints).containsOnlyKeys("com.amazonaws.eu-central-1.ecr.api",
                "com.amazonaws.eu-central-1.ecr.dkr", "com.amazonaws.eu-central-1.s3");
        endpoints.values().forEach(e -> assertThat(e.attribute("vpc_id").text()).isEqualTo("vpc-0a1b2c3d4e5f60718"));
        assertThat(endpoints.get("com.amazonaws.eu-central-1.ecr.dkr").attribute("subnet_ids").json())
                .extracting(JsonNode::asText).containsExactlyInAnyOrder("subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f");
        assertThat(endpoints.get("com.amazonaws.eu-central-1.s3").attribute("route_table_ids").json())
                .extracting(JsonNode::asText).containsExactly("rtb-0123456789abcdef0");
        assertThat(endpoints.get("com.amazonaws.eu-central-1.s3").attribute("vpc_endpoint_type").text()).isEqualTo("Gateway");
    }

    @Test
    void plan_endpointsAdmitHttpsFromTheRunnerCidrsWithoutReadingTheVpc() {
        PlannedResource https = plan.resourcesOfType("aws_security_group_rule").get(0);
        assertThat(https.attribute("cidr_blocks").json()).extracting(JsonNode::asText).containsExactly("10.20.0.0/16");
        assertThat(https.attribute("from_port").json().asInt()).isEqualTo(443);
        assertThat(plan.raw().path("prior_state").path("values").path("root_module").path("resources")
                .findValuesAsText("address")).as("data sources read: the stack states its location once").isEmpty();
    }

    @Test
    void plan_runnerEnvironmentOutput() {
        JsonNode env = plan.output("runner_environment").json();
        assertThat(env.path(RunnerEnvironment.CACHE).asText()).isEqualTo("111122223333.dkr.ecr.eu-central-1.amazonaws.com");
        assertThat(env.path(RunnerEnvironment.DOCKER_HUB_MIRROR).asText()).isEqualTo("true");
        assertThat(env.path(RunnerEnvironment.DOCKER_HUB_PREFIX).asText()).isEqualTo("docker-hub");
        assertThat(List.of(plan.output("registry_host").text())).containsExactly("111122223333.dkr.ecr.eu-central-1.amazonaws.com");
    }
}
