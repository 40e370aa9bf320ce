package dev.pullthrough.module;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.iam.RunnerPolicy;
import dev.pullthrough.model.ArnScope;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.testing.terraform.FormComparison;
import dev.pullthrough.testing.terraform.InputSet;
import dev.pullthrough.testing.terraform.PolicySemantics;
import dev.pullthrough.testing.terraform.TerraformPlan;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Terraform modules and {@code pullthrough policy} grant the same thing: for every input set of the access and
 * runner modules, in both forms, the planned {@code policy_json} is semantically equal (statement order, action
 * order and single-value-vs-list aside) to {@link RunnerPolicy}'s JSON for the same rules and coordinates.
 */
class RunnerPolicyCrossCheckIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> policyJson_equalsJavaRunnerPolicy_forEveryInputSetAndForm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String module : List.of(GeneratedModulePaths.ACCESS, GeneratedModulePaths.RUNNER)) {
            for (InputSet set : ModuleInputSets.forModule(module)) {
                tests.add(DynamicTest.dynamicTest(module + " / " + set.name(), () -> {
                    TerraformPlan plan = FormsPlans.of(module);
                    String expected = RunnerPolicy.from(ruleSet(set), scope(set)).toJson();
                    for (String form : GeneratedModulePaths.FORMS) {
                        String actual = plan.output(FormComparison.callName(form, set)).get("policy_json").text();
                        PolicySemantics.assertEquivalent(module + " (" + form + "), input set '" + set.name() + "'",
                                expected, actual);
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** The module input {@code ecr_pull_through_cache_rules} as the model's rule set (values trimmed by the model). */
    static RuleSet ruleSet(InputSet set) {
        JsonNode rules = JSON.valueToTree(set.inputs().get("ecr_pull_through_cache_rules"));
        List<PullThroughRule> list = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) rules::fields) {
            JsonNode r = e.getValue();
            PullThroughRule.Builder b = PullThroughRule.builder(e.getKey())
                    .ecrRepositoryPrefix(r.path("ecr_repository_prefix").asText())
                    .upstreamRegistryUrl(r.path("upstream_registry_url").asText());
            if (r.hasNonNull("upstream_repository_prefix")) {
                b.upstreamRepositoryPrefix(r.path("upstream_repository_prefix").asText());
            }
            list.add(b.build());
        }
        return RuleSet.of(list);
    }

    static ArnScope scope(InputSet set) {
        // The hub's registry, when given, names the repositories (the modules' documented precedence).
        Map<String, Object> in = set.inputs();
        return new ArnScope((String) in.get("partition"),
                (String) (in.get("registry_region") != null ? in.get("registry_region") : in.get("region")),
                (String) (in.get("registry_account_id") != null ? in.get("registry_account_id") : in.get("account_id")));
    }
}
