package dev.pullthrough.module;

import dev.pullthrough.testing.terraform.FormComparison;
import dev.pullthrough.testing.terraform.InputSet;
import dev.pullthrough.testing.terraform.TerraformPlan;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON and HCL are the same module: for several input sets per module, the HCL form and the JSON form plan exactly
 * the same resources, values, data reads, checks and outputs. Any difference is a generator bug, reported with the
 * module, the input set and the differing plan paths.
 */
class ModuleFormsEquivalenceIT {
    private static final List<String> MODULES = List.of(GeneratedModulePaths.CACHE, GeneratedModulePaths.ACCESS,
            GeneratedModulePaths.RUNNER, GeneratedModulePaths.ENDPOINTS);

    @TestFactory
    Stream<DynamicTest> hclAndJsonForms_samePlan_forEveryInputSet() {
        return MODULES.stream().map(module -> DynamicTest.dynamicTest(module, () -> {
            TerraformPlan plan = FormsPlans.of(module);
            // The comparison is only worth something if the module planned something.
            assertThat(plan.resourceAddresses()).as(module + " plans resources").isNotEmpty();
            for (InputSet set : ModuleInputSets.forModule(module)) {
                FormComparison.assertSame(plan, module, "hcl", "json", set);
            }
        }));
    }
}
