package dev.pullthrough.testing.terraform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TerraformPlanTest {
    private static TerraformPlan fixture(String name) {
        try (InputStream in = TerraformPlanTest.class.getResourceAsStream(name)) {
            return TerraformPlan.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private final TerraformPlan enabled = fixture("plan-enabled.json");
    private final TerraformPlan disabled = fixture("plan-disabled.json");

    @Test
    void resourceAddresses_enabledPlan_listsManagedCreatesSorted() {
        assertThat(enabled.resourceAddresses()).containsExactly("aws_iam_policy.this[0]", "terraform_data.marker[0]");
        assertThat(enabled.resource("aws_iam_policy.this[0]").actions()).containsExactly(ChangeAction.CREATE);
        assertThat(enabled.isEmpty()).isFalse();
    }

    @Test
    void isEmpty_toggleOff_noManagedChanges() {
        assertThat(disabled.isEmpty()).isTrue();
        PlanAssert.assertThat(disabled).hasNoChanges();
    }

    @Test
    void attribute_knownAndUnknownAfterApply_distinguished() {
        PlannedResource policy = enabled.resource("aws_iam_policy.this[0]");
        assertThat(policy.attribute("name").text()).isEqualTo("pt-harness-fixture");
        assertThat(policy.attribute("arn").isUnknown()).isTrue();
        assertThat(policy.attribute("policy").parsedJson().at("/Statement/0/Resource").asText())
                .isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*");
        assertThatThrownBy(() -> policy.attribute("arn").text())
                .isInstanceOf(AssertionError.class).hasMessageContaining("not known until apply");
    }

    @Test
    void attribute_nestedListPath_followsIndexes() {
        PlannedValue prefixes = enabled.resource("terraform_data.marker[0]").attribute("input.prefixes");
        assertThat(prefixes.isFullyKnown()).isTrue();
        assertThat(prefixes.get(0).text()).isEqualTo("docker-hub");
        assertThat(enabled.resource("terraform_data.marker[0]").attribute("input.prefixes.1").text()).isEqualTo("quay");
    }

    @Test
    void output_partlyUnknownMap_knownKeyReadableUnknownKeyMarked() {
        PlannedValue env = enabled.output("env");
        assertThat(env.isUnknown()).isFalse();
        assertThat(env.isFullyKnown()).isFalse();
        assertThat(env.get("KNOWN").text()).isEqualTo("docker-hub,quay");
        assertThat(env.get("LATER").isUnknown()).isTrue();
    }

    @Test
    void output_wholeUnknown_andNullSafeWhenOff() {
        PlanAssert.assertThat(enabled).outputUnknownAfterApply("marker_id").outputUnknownAfterApply("policy_arn");
        PlanAssert.assertThat(disabled).outputIsNull("marker_id").outputIsNull("policy_arn")
                .outputEquals("policies", Map.of())
                .outputEquals("env", Map.of("KNOWN", "docker-hub,quay", "LATER", ""));
    }

    @Test
    void output_missing_messageListsExistingOutputs() {
        assertThatThrownBy(() -> enabled.output("nope"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("plan-enabled.json")
                .hasMessageContaining("[env, marker_id, policies, policy_arn]");
    }

    @Test
    void resource_missing_messageListsPlannedAddresses() {
        assertThatThrownBy(() -> enabled.resource("aws_iam_role.x"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("aws_iam_role.x")
                .hasMessageContaining("terraform_data.marker[0]");
    }

    @Test
    void readDataSource_forEachModuleInstance_foundInPriorState() {
        PlannedValue doc = enabled.readDataSource("module.policy[\"quay\"].data.aws_iam_policy_document.this");
        assertThat(doc.get("json").parsedJson().at("/Statement/0/Sid").asText()).isEqualTo("Pull");
        assertThatThrownBy(() -> enabled.readDataSource("data.aws_caller_identity.x"))
                .hasMessageContaining("module.policy[\"hub\"].data.aws_iam_policy_document.this");
    }

    @Test
    void checks_passingCheckBlock_reported() {
        assertThat(enabled.checks()).containsExactly(
                new TerraformPlan.CheckResult("check.no_root", "check", "pass", List.of()));
        PlanAssert.assertThat(enabled).checkPasses("no_root");
        assertThatThrownBy(() -> PlanAssert.assertThat(enabled).checkWarns("no_root", "ROOT"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void hasExactlyResources_mismatch_namesMissingAndUnexpectedWithContext() {
        assertThatThrownBy(() -> PlanAssert.assertThat(enabled).as("input set 'two-prefixes'")
                .hasExactlyResources("terraform_data.marker[0]", "aws_iam_role.runner"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("input set 'two-prefixes'")
                .hasMessageContaining("missing [aws_iam_role.runner]")
                .hasMessageContaining("unexpected [aws_iam_policy.this[0]]");
    }

    @Test
    void attributeEquals_wrongValue_showsExpectedAndActual() {
        assertThatThrownBy(() -> PlanAssert.assertThat(enabled)
                .attributeEquals("aws_iam_policy.this[0]", "name", "other"))
                .hasMessageContaining("expected: \"other\"")
                .hasMessageContaining("actual:   \"pt-harness-fixture\"");
        assertThatThrownBy(() -> PlanAssert.assertThat(enabled)
                .attributeEquals("aws_iam_policy.this[0]", "arn", "arn:aws:iam::123456789012:policy/x"))
                .hasMessageContaining("not known at plan time");
    }

    @Test
    void variables_tfvarsValues_exposed() {
        assertThat(enabled.variables().get("prefixes").path("hub").asText()).isEqualTo("docker-hub");
    }

    @Test
    void parse_notAPlan_rejectedWithLabel() {
        assertThatThrownBy(() -> TerraformPlan.parse("x", "{\"a\":1}")).hasMessageContaining("[x] not a terraform JSON plan");
        assertThatThrownBy(() -> TerraformPlan.parse("y", "{")).hasMessageContaining("[y] plan JSON does not parse");
    }
}
