package dev.pullthrough.module;

import dev.pullthrough.testing.terraform.FormComparison;
import dev.pullthrough.testing.terraform.InputSet;
import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformPlan;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON and HCL are the same module: for several input sets per module, the HCL form and the JSON form plan exactly
 * the same resources, values, data reads, checks and outputs. Any difference is a generator bug, reported with the
 * module, the input set and the differing plan paths.
 */
class ModuleFormsEquivalenceIT {
    private static final Map<String, List<InputSet>> INPUT_SETS = Map.of(
            GeneratedModulePaths.ENDPOINTS, ModuleInputSets.endpoints());

    @TestFactory
    Stream<DynamicTest> hclAndJsonForms_samePlan_forEveryInputSet() {
        return INPUT_SETS.keySet().stream().sorted().map(module ->
                DynamicTest.dynamicTest(module, () -> assertFormsPlanAlike(module, INPUT_SETS.get(module))));
    }

    private static void assertFormsPlanAlike(String module, List<InputSet> sets) {
        Map<String, String> forms = new LinkedHashMap<>();
        GeneratedModulePaths.FORMS.forEach(f -> forms.put(f, GeneratedModulePaths.sourceFromTwoDeep(f, module)));
        TerraformOptions options = TerraformOptions.builder(TerraformOptions.projectDirFromSystemProperty(),
                        "scratch/forms-" + module)
                .label(module + " (hcl vs json)")
                .file("main.tf.json", FormComparison.parentConfig(forms, sets))
                .build();
        try (TerraformWorkspace ws = TerraformWorkspace.create(options)) {
            TerraformPlan plan = ws.initAndPlan();
            // The comparison is only worth something if the module planned something for the richest set.
            assertThat(plan.resourceAddresses()).as(module + " plans resources").isNotEmpty();
            for (InputSet set : sets) {
                FormComparison.assertSame(plan, module, "hcl", "json", set);
            }
        }
    }
}
