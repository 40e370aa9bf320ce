package dev.pullthrough.module;

import dev.pullthrough.testing.terraform.FormComparison;
import dev.pullthrough.testing.terraform.InputSet;
import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformPlan;
import dev.pullthrough.testing.terraform.TerraformWorkspace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One offline plan per generated module that calls both forms once per input set ({@link FormComparison}); made
 * once per test JVM and shared, since the form comparison and the policy cross-check read the same plan and each
 * plan costs seconds of provider start-up.
 */
final class FormsPlans {
    private static final Map<String, TerraformPlan> PLANS = new ConcurrentHashMap<>();

    private FormsPlans() {
    }

    static synchronized TerraformPlan of(String module) {
        return PLANS.computeIfAbsent(module, m -> plan(m, ModuleInputSets.forModule(m)));
    }

    private static TerraformPlan plan(String module, List<InputSet> sets) {
        Map<String, String> forms = new LinkedHashMap<>();
        GeneratedModulePaths.FORMS.forEach(f -> forms.put(f, GeneratedModulePaths.sourceFromTwoDeep(f, module)));
        TerraformOptions options = TerraformOptions.builder(TerraformOptions.projectDirFromSystemProperty(),
                        "scratch/forms-" + module)
                .label(module + " (hcl vs json)")
                .file("main.tf.json", FormComparison.parentConfig(forms, sets))
                .build();
        try (TerraformWorkspace ws = TerraformWorkspace.create(options)) {
            return ws.initAndPlan();
        }
    }
}
