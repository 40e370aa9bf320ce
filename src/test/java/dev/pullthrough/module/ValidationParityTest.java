package dev.pullthrough.module;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.model.Problem;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformResult;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generated Terraform validation says exactly what the Java validation says. Every invalid case of
 * {@link RuleCases} goes into one rule map (keys prefixed by the case name, so prefixes also collide across cases and
 * the duplicate check gets exercised); one {@code terraform plan} reports every broken rule, and its messages must be
 * the messages of {@code RuleSet.validate()}, line for line (as a multiset: Terraform groups them by validation block).
 */
class ValidationParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path synthDir;

    @BeforeAll
    static void synth() {
        ModuleGenerator.synth(synthDir.resolve("modules-out"));
    }

    /** Every invalid case, merged into one map with distinct keys. */
    static RuleCase combined(boolean includeCredentialCases) {
        Map<String, Map<String, String>> rules = new LinkedHashMap<>();
        for (RuleCase c : RuleCases.invalid()) {
            if (c.credentialFields() && !includeCredentialCases) {
                continue;
            }
            c.rules().forEach((key, rule) -> rules.put(key.isBlank() ? key : c.name() + "__" + key, rule));
        }
        return new RuleCase("combined", "every invalid case at once", rules, includeCredentialCases);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ModuleForm.class)
    void cacheModule_everyInvalidCase_sameErrorsAsJavaCreateValidation(ModuleForm form) throws IOException {
        RuleCase all = combined(true);

        List<String> terraform = diagnostics(form, EcrPullThroughCacheModule.NAME, EcrPullThroughCacheModule.VARIABLE, all, "error");

        assertSameMessages(terraform, all.ruleSet().validate(ValidationMode.CREATE).errors());
    }

    @Test
    void runnerModule_everyInvalidCase_sameErrorsAsJavaExistingValidation() throws IOException {
        RuleCase all = combined(false);

        List<String> terraform = diagnostics(ModuleForm.HCL, RunnerEcrPullThroughModule.NAME, RunnerRulesVariable.VARIABLE, all, "error");

        assertSameMessages(terraform, all.ruleSet().validate(ValidationMode.EXISTING).errors());
    }

    @Test
    void cacheModule_rootRuleAndUnusedCredential_sameWarningsAsJava() throws IOException {
        Map<String, Map<String, String>> rules = new LinkedHashMap<>();
        rules.put("everything", RuleCase.rule("ecr_repository_prefix", "ROOT", "upstream_registry_url", "public.ecr.aws"));
        rules.put("quay", RuleCase.rule("ecr_repository_prefix", "quay", "upstream_registry_url", "quay.io",
                "credential_arn", RuleCases.DOCKER_HUB_SECRET));
        RuleCase warnings = new RuleCase("warnings", "valid, with two warnings", rules, true);
        ValidationReport java = warnings.ruleSet().validate(ValidationMode.CREATE);
        assertThat(java.isValid()).isTrue();

        List<String> terraform = diagnostics(ModuleForm.HCL, EcrPullThroughCacheModule.NAME, EcrPullThroughCacheModule.VARIABLE, warnings, "warning");

        assertSameMessages(terraform, java.warnings());
    }

    private static void assertSameMessages(List<String> terraform, List<Problem> java) {
        List<String> expected = java.stream().map(Problem::message).sorted().toList();
        assertThat(expected).as("the Java side finds problems (else the case list is broken)").isNotEmpty();
        assertThat(terraform.stream().sorted().toList())
                .as("Terraform's messages (left) against RuleSet.validate()'s (right)")
                .isEqualTo(expected);
    }

    /** The message lines of the plan's diagnostics of one severity. */
    private static List<String> diagnostics(ModuleForm form, String module, String variable, RuleCase rules, String severity)
            throws IOException {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(variable, rules.rules());
        variables.put("account_id", RuleCases.ACCOUNT);
        variables.put("region", RuleCases.REGION);
        variables.put("partition", "aws");
        Path project = TerraformOptions.projectDirFromSystemProperty();
        TerraformOptions options = TerraformOptions.builder(synthDir, "modules-out/" + form.folder() + "/" + module)
                .label(module + "-" + form.folder() + "-parity")
                .targetDir(project.resolve("target"))
                .variables(variables)
                .build();
        try (TerraformWorkspace ws = TerraformWorkspace.create(options)) {
            ws.init();
            TerraformResult plan = ws.tryPlan("-json");
            List<String> lines = new ArrayList<>();
            for (String line : plan.stdout().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                JsonNode diagnostic = event.get("diagnostic");
                if (!"diagnostic".equals(event.path("type").asText()) || !severity.equals(diagnostic.path("severity").asText())) {
                    continue;
                }
                String detail = diagnostic.path("detail").asText();
                int checkedBy = detail.indexOf("\n\nThis was checked by");
                for (String message : (checkedBy < 0 ? detail : detail.substring(0, checkedBy)).split("\n")) {
                    if (!message.isBlank()) {
                        lines.add(message);
                    }
                }
            }
            assertThat(lines).as("%s diagnostics of the plan:%n%s", severity, plan.combinedOutput()).isNotEmpty();
            return lines;
        }
    }

}
