package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Proves two renderings of one module (HCL and JSON) plan the same: a scratch parent calls each form once per input
 * set ({@code module.<form>__<set>}), one plan covers them all, and the two calls' parts of the plan - resource
 * changes, planned values, data sources read, check results and the module's outputs - must be equal after
 * {@link PlanNormalizer} has removed ordering noise. One plan instead of one per form and set keeps this to a few
 * seconds per module.
 */
public final class FormComparison {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private FormComparison() {
    }

    public static String callName(String form, InputSet set) {
        return form + "__" + set.name().replace('-', '_');
    }

    /**
     * The parent configuration ({@code main.tf.json}).
     *
     * @param formSources form name (e.g. {@code hcl}) to module source relative to the parent
     */
    public static String parentConfig(Map<String, String> formSources, List<InputSet> sets) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode modules = root.putObject("module");
        ObjectNode outputs = root.putObject("output");
        for (InputSet set : sets) {
            for (Map.Entry<String, String> form : formSources.entrySet()) {
                String call = callName(form.getKey(), set);
                ObjectNode module = modules.putObject(call);
                module.put("source", form.getValue());
                set.inputs().forEach((k, v) -> module.set(k, templateSafe(JSON.valueToTree(v), set, k)));
                ObjectNode output = outputs.putObject(call);
                output.put("value", "${module." + call + "}");
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In Terraform JSON every string is a template; inputs are literal, so "${" and "%{" must not appear. */
    private static JsonNode templateSafe(JsonNode value, InputSet set, String input) {
        String text = value.toString();
        if (text.contains("${") || text.contains("%{")) {
            throw new IllegalArgumentException("input set '" + set.name() + "', input " + input
                    + ": template sequences are not supported in literal inputs: " + text);
        }
        return value;
    }

    /** Differences between the two forms for one input set; empty when they plan the same. */
    public static List<String> differences(TerraformPlan plan, String formA, String formB, InputSet set, int limit) {
        String a = callName(formA, set);
        String b = callName(formB, set);
        for (String call : List.of(a, b)) {
            if (!plan.hasOutput(call)) {
                throw new AssertionError("[" + plan.label() + "] input set '" + set.name() + "': the plan has no call "
                        + call + " (was the parent written by parentConfig with this set?)");
            }
        }
        return PlanNormalizer.differences(PlanNormalizer.moduleCallView(plan, a, a),
                PlanNormalizer.moduleCallView(plan, b, b), formA, formB, limit);
    }

    /** Fails naming the module and the input set when the two forms plan differently. */
    public static void assertSame(TerraformPlan plan, String module, String formA, String formB, InputSet set) {
        List<String> diffs = differences(plan, formA, formB, set, 15);
        if (!diffs.isEmpty()) {
            throw new AssertionError("module " + module + ", input set '" + set.name() + "': the " + formA + " and "
                    + formB + " forms plan differently (a generator bug):\n  " + String.join("\n  ", diffs));
        }
    }
}
