package dev.pullthrough.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.model.InvalidCoordinatesException;
import dev.pullthrough.model.Problem;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ShareWith;
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
import org.junit.jupiter.params.provider.ValueSource;

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

    /** Every kind of bad share_with entry at once; trimmed values, as ShareWith trims. */
    private static final ShareWith BAD_SHARE_WITH = ShareWith.of(List.of("o-a1b2c3d4e5", "o-short"),
            List.of("ou-ab12-11111111", "o-a1b2c3d4e5/r-ab12/"), List.of(" 12345 ", "123456789012", "12345678901x"));

    private static Map<String, Object> shareWithInput(ShareWith share) {
        Map<String, Object> value = new LinkedHashMap<>();
        for (ShareWith.Field field : ShareWith.Field.values()) {
            value.put(field.inputName(), field.valuesOf(share));
        }
        return value;
    }

    private static Map<String, Object> namedRules() {
        return Map.of("quay", RuleCase.rule("ecr_repository_prefix", "quay", "upstream_registry_url", "quay.io"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ModuleForm.class)
    void cacheModule_badShareWithEntries_sameErrorsAsShareWith(ModuleForm form) throws IOException {
        List<String> java = BAD_SHARE_WITH.problems(RuleSet.empty());

        List<String> terraform = diagnostics(form, EcrPullThroughCacheModule.NAME, Map.of(
                EcrPullThroughCacheModule.VARIABLE, namedRules(),
                ShareWithVariable.VARIABLE, shareWithInput(BAD_SHARE_WITH)), "error");

        assertThat(java).as("the Java side finds problems (else the case is broken)").hasSize(4);
        assertThat(terraform).containsExactlyInAnyOrderElementsOf(java);
    }

    @Test
    void cacheModule_sharedRootRuleAndSharedWithoutTemplates_sameErrorsAsShareWith() throws IOException {
        ShareWith spoke = ShareWith.of(List.of(), List.of(), List.of("222222222222"));
        Map<String, Object> root = Map.of("everything",
                RuleCase.rule("ecr_repository_prefix", "ROOT", "upstream_registry_url", "public.ecr.aws"));
        RuleSet rootRules = RuleSet.of(PullThroughRule.builder("everything").ecrRepositoryPrefix("ROOT")
                .upstreamRegistryUrl("public.ecr.aws").build());

        List<String> terraform = diagnostics(ModuleForm.HCL, EcrPullThroughCacheModule.NAME, Map.of(
                EcrPullThroughCacheModule.VARIABLE, root, ShareWithVariable.VARIABLE, shareWithInput(spoke),
                "create_repository_templates", false), "error");

        assertThat(terraform).containsExactlyInAnyOrderElementsOf(
                spoke.problems(rootRules, false, value -> true));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {RunnerEcrPullThroughModule.NAME, EcrPullThroughAccessModule.NAME})
    void runnerModules_badHubCoordinates_sameErrorsAsTheModelAndCli(String module) throws IOException {
        List<String> java = new ArrayList<>();
        for (Runnable check : List.<Runnable>of(
                () -> RegistryCoordinates.checkAccountId(Coordinates.REGISTRY_ACCOUNT_ID, "12345"),
                () -> RegistryCoordinates.checkRegion(Coordinates.REGISTRY_REGION, "eu-west1"))) {
            java.add(catchThrowableOfType(check::run, InvalidCoordinatesException.class).getMessage());
        }

        List<String> terraform = diagnostics(ModuleForm.HCL, module, Map.of(
                RunnerRulesVariable.VARIABLE, namedRules(),
                Coordinates.REGISTRY_ACCOUNT_ID, "12345", Coordinates.REGISTRY_REGION, "eu-west1"), "error");

        assertThat(terraform).containsExactlyInAnyOrderElementsOf(java);
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
        return diagnostics(form, module, Map.of(variable, rules.rules()), severity);
    }

    /** The same, for any inputs besides the coordinates. */
    private static List<String> diagnostics(ModuleForm form, String module, Map<String, Object> inputs, String severity)
            throws IOException {
        Map<String, Object> variables = new LinkedHashMap<>(inputs);
        variables.putIfAbsent("account_id", RuleCases.ACCOUNT);
        variables.putIfAbsent("region", RuleCases.REGION);
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
