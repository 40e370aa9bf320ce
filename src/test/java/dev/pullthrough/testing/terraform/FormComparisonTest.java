package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormComparisonTest {
    private static final InputSet DOCKER_HUB = InputSet.of("docker-hub", Map.of("rules",
            Map.of("docker_hub", Map.of("ecr_repository_prefix", "docker-hub"))));

    @Test
    void parentConfig_twoFormsOneSet_callsEachFormWithSameInputsAndOutputsWholeModule() throws Exception {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("hcl", "../../modules-out/hcl/m");
        forms.put("json", "../../modules-out/json/m");
        JsonNode parent = new ObjectMapper().readTree(FormComparison.parentConfig(forms, List.of(DOCKER_HUB)));
        assertThat(parent.at("/module/hcl__docker_hub/source").asText()).isEqualTo("../../modules-out/hcl/m");
        assertThat(parent.at("/module/json__docker_hub/rules")).isEqualTo(parent.at("/module/hcl__docker_hub/rules"));
        assertThat(parent.at("/output/json__docker_hub/value").asText()).isEqualTo("${module.json__docker_hub}");
    }

    @Test
    void parentConfig_templateSequenceInInput_rejectedNamingSet() {
        InputSet bad = InputSet.of("bad", Map.of("name", "${var.x}"));
        assertThatThrownBy(() -> FormComparison.parentConfig(Map.of("hcl", "../m"), List.of(bad)))
                .hasMessageContaining("input set 'bad'").hasMessageContaining("name");
    }

    @Test
    void assertSame_callMissingFromPlan_failsInsteadOfComparingNothing() {
        TerraformPlan empty = TerraformPlan.parse("p", "{\"format_version\":\"1.2\"}");
        assertThatThrownBy(() -> FormComparison.assertSame(empty, "m", "hcl", "json", DOCKER_HUB))
                .hasMessageContaining("no call hcl__docker_hub");
    }

    @Test
    void assertSame_differentPolicy_messageNamesModuleAndSet() {
        TerraformPlan plan = TerraformPlan.parse("p", """
                {"format_version":"1.2","output_changes":{
                  "hcl__docker_hub":{"after":{"policy_json":"{\\"Resource\\":\\"a\\"}"}},
                  "json__docker_hub":{"after":{"policy_json":"{\\"Resource\\":\\"b\\"}"}}}}""");
        assertThatThrownBy(() -> FormComparison.assertSame(plan, "ecr-pull-through-access", "hcl", "json", DOCKER_HUB))
                .hasMessageContaining("module ecr-pull-through-access, input set 'docker-hub'")
                .hasMessageContaining("/output/after/policy_json");
    }

    @Test
    void inputSet_badName_rejected() {
        assertThatThrownBy(() -> InputSet.of("Docker Hub", Map.of())).hasMessageContaining("Docker Hub");
    }
}
