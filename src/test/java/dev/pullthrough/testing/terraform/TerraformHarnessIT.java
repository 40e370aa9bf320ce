package dev.pullthrough.testing.terraform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness against real terraform and the real AWS provider (offline), on a tiny local configuration: a child
 * module used with for_each, a toggle, unknown/partly unknown/null-safe outputs, apply + output + destroy of
 * local-only resources, and {@code terraform test} with a mock provider.
 */
class TerraformHarnessIT {
    private static final String FIXTURE = "src/test/resources/terraform/harness-fixture";

    private static TerraformOptions.Builder fixture() {
        return TerraformOptions.builder(TerraformOptions.projectDirFromSystemProperty(), FIXTURE)
                .variable("prefixes", Map.of("hub", "docker-hub", "quay", "quay"));
    }

    @Test
    void plan_forEachModuleAndAwsResource_typedPlanOffline() {
        try (TerraformWorkspace ws = TerraformWorkspace.create(fixture().variable("with_aws_resource", true).build())) {
            assertThat(ws.copiedPaths()).containsExactly(FIXTURE, "src/test/resources/terraform/harness-fixture-module");
            TerraformPlan plan = ws.initAndPlan();
            PlanAssert.assertThat(plan)
                    .hasExactlyResources("aws_iam_policy.this[0]", "terraform_data.marker[0]")
                    .attributeEquals("aws_iam_policy.this[0]", "name", "pt-harness-fixture")
                    .attributeUnknownAfterApply("aws_iam_policy.this[0]", "arn")
                    .outputUnknownAfterApply("policy_arn")
                    .checkPasses("no_root");
            assertThat(plan.output("policies").get("quay").parsedJson().at("/Statement/0/Resource").asText())
                    .isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/quay/*");
            assertThat(plan.output("env").get("LATER").isUnknown()).isTrue();

            // Re-plan the same initialised copy with another input set: the toggle off plans nothing.
            ws.writeVariables(Map.of("prefixes", Map.of("hub", "ROOT"), "enabled", false));
            TerraformPlan off = ws.plan();
            PlanAssert.assertThat(off).as("enabled = false").hasNoChanges()
                    .outputIsNull("marker_id").outputIsNull("policy_arn").outputEquals("policies", Map.of())
                    .checkWarns("no_root", "ROOT prefix grants every repository");

            // The result-returning form keeps terraform's diagnostic for tests that expect a rejection.
            ws.writeVariables(Map.of("prefixes", Map.of("hub", "docker-hub"), "enabled", "maybe"));
            TerraformResult rejected = ws.tryPlan();
            assertThat(rejected.succeeded()).isFalse();
            assertThat(rejected.stderr()).contains("Invalid value for input variable").contains("enabled");
        }
    }

    @Test
    void apply_localOnlyResources_outputsThenDestroyedAtClose() {
        Path root;
        try (TerraformWorkspace ws = TerraformWorkspace.create(fixture().build())) {
            root = ws.root();
            ws.init();
            ws.apply();
            TerraformOutputs outputs = ws.outputs();
            assertThat(outputs.string("marker_id")).isNotBlank();
            assertThat(outputs.value("env").path("KNOWN").asText()).isEqualTo("docker-hub,quay");
            assertThat(outputs.find("policy_arn")).as("null outputs are left out of output -json").isEmpty();
        }
        assertThat(root).doesNotExist();
    }

    @Test
    void test_mockProviderRuns_passOffline() {
        try (TerraformWorkspace ws = TerraformWorkspace.create(fixture().build())) {
            ws.init();
            TestSummary summary = ws.test();
            assertThat(summary).isEqualTo(new TestSummary(true, 2, 0, 0));
        }
    }
}
