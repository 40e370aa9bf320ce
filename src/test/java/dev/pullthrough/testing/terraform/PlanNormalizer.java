package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Removes the noise that two plans of the same infrastructure may differ in, so that what remains can be compared
 * for equality: object key order, the order of address-keyed lists (they become maps keyed by address), key order
 * inside JSON documents carried in strings (policies), and fields that describe the source text rather than the
 * planned result ({@code configuration}, {@code relevant_attributes}, {@code timestamp}).
 */
public final class PlanNormalizer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Top-level plan fields that describe the source text or the run, not the planned result. */
    private static final Set<String> SOURCE_DESCRIPTIONS = Set.of("configuration", "relevant_attributes", "timestamp",
            "terraform_version", "format_version", "applyable", "complete", "errored");

    private PlanNormalizer() {
    }

    /** The whole plan, normalised. */
    public static JsonNode normalize(TerraformPlan plan) {
        ObjectNode copy = plan.raw().deepCopy();
        SOURCE_DESCRIPTIONS.forEach(copy::remove);
        return canonical(copy);
    }

    /**
     * What one module call contributes to a plan, with addresses made relative to that call, so two calls of two
     * forms of one module (e.g. {@code module.hcl_x} and {@code module.json_x}) in one parent can be compared:
     * resource changes, planned values, data sources read while planning, check results and the parent output named
     * {@code outputName} (which should be the whole module object).
     */
    public static JsonNode moduleCallView(TerraformPlan plan, String moduleCall, String outputName) {
        String prefix = "module." + moduleCall;
        ObjectNode view = JSON.createObjectNode();
        ObjectNode changes = view.putObject("resource_changes");
        for (JsonNode rc : plan.raw().path("resource_changes")) {
            String address = rc.path("address").asText();
            if (address.startsWith(prefix + ".")) {
                ObjectNode c = rc.deepCopy();
                c.remove(List.of("address", "module_address"));
                changes.set(address.substring(prefix.length() + 1), relativize(c, prefix));
            }
        }
        view.set("planned_values", moduleResources(plan.raw().path("planned_values").path("root_module"), prefix));
        view.set("data_read", moduleResources(plan.raw().path("prior_state").path("values").path("root_module"), prefix));
        ObjectNode checks = view.putObject("checks");
        for (JsonNode check : plan.raw().path("checks")) {
            String display = check.path("address").path("to_display").asText();
            if (display.startsWith(prefix + ".")) {
                checks.set(display.substring(prefix.length() + 1), relativize(check.deepCopy(), prefix));
            }
        }
        JsonNode output = plan.raw().path("output_changes").path(outputName);
        ObjectNode out = view.putObject("output");
        out.set("after", output.path("after"));
        out.set("after_unknown", output.path("after_unknown"));
        out.set("after_sensitive", output.path("after_sensitive"));
        return canonical(view);
    }

    private static JsonNode moduleResources(JsonNode module, String prefix) {
        ObjectNode byAddress = JSON.createObjectNode();
        collect(module, prefix, byAddress);
        return byAddress;
    }

    private static void collect(JsonNode module, String prefix, ObjectNode into) {
        for (JsonNode r : module.path("resources")) {
            String address = r.path("address").asText();
            if (address.startsWith(prefix + ".")) {
                ObjectNode copy = r.deepCopy();
                copy.remove("address");
                into.set(address.substring(prefix.length() + 1), copy);
            }
        }
        for (JsonNode child : module.path("child_modules")) {
            collect(child, prefix, into);
        }
    }

    /** Replaces the call's own address inside nested address fields, so both calls read the same. */
    private static JsonNode relativize(JsonNode node, String prefix) {
        if (node.isTextual()) {
            String text = node.textValue();
            return text.equals(prefix) ? TextNode.valueOf("module.<call>")
                    : text.startsWith(prefix + ".") ? TextNode.valueOf(text.substring(prefix.length() + 1)) : node;
        }
        if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                obj.set(n, relativize(obj.get(n), prefix));
            }
        } else if (node.isArray()) {
            ArrayNode arr = (ArrayNode) node;
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, relativize(arr.get(i), prefix));
            }
        }
        return node;
    }

    /** Sorted keys everywhere, address-keyed lists as maps, JSON-in-strings with sorted keys. */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            ObjectNode out = JSON.createObjectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            if (isAddressList(node)) {
                TreeMap<String, JsonNode> byAddress = new TreeMap<>();
                for (JsonNode item : node) {
                    byAddress.put(addressOf(item), canonical(item));
                }
                ObjectNode out = JSON.createObjectNode();
                byAddress.forEach(out::set);
                return out;
            }
            ArrayNode out = JSON.createArrayNode();
            node.forEach(item -> out.add(canonical(item)));
            return out;
        }
        if (node.isTextual()) {
            return canonicalEmbeddedJson(node.textValue()).map(s -> (JsonNode) TextNode.valueOf(s)).orElse(node);
        }
        return node;
    }

    private static boolean isAddressList(JsonNode array) {
        if (array.isEmpty()) {
            return false;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode item : array) {
            String address = addressOf(item);
            if (address == null || !seen.add(address)) {
                return false;
            }
        }
        return true;
    }

    private static String addressOf(JsonNode item) {
        JsonNode address = item.path("address");
        if (address.isTextual()) {
            return address.textValue();
        }
        // check results: {"address": {"to_display": ...}}
        JsonNode display = address.path("to_display");
        return display.isTextual() ? display.textValue() : null;
    }

    private static java.util.Optional<String> canonicalEmbeddedJson(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") && trimmed.endsWith("}")) && !(trimmed.startsWith("[") && trimmed.endsWith("]"))) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode parsed = JSON.readTree(trimmed);
            return java.util.Optional.of("json:" + JSON.writeValueAsString(sortKeys(parsed)));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static JsonNode sortKeys(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), sortKeys(e.getValue())));
            ObjectNode out = JSON.createObjectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(item -> out.add(sortKeys(item)));
            return out;
        }
        return node;
    }

    /**
     * Paths at which two normalised documents differ, each with both values, at most {@code limit} of them. Empty
     * when they are equal.
     */
    public static List<String> differences(JsonNode left, JsonNode right, String leftName, String rightName, int limit) {
        List<String> out = new ArrayList<>();
        diff("", left, right, leftName, rightName, out, limit);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, String an, String bn, List<String> out, int limit) {
        if (out.size() >= limit || a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeMap<String, Boolean> keys = new TreeMap<>();
            a.fieldNames().forEachRemaining(k -> keys.put(k, true));
            b.fieldNames().forEachRemaining(k -> keys.put(k, true));
            for (String k : keys.keySet()) {
                diff(path + "/" + k, a.path(k), b.path(k), an, bn, out, limit);
            }
            return;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(path + "[" + i + "]", a.get(i), b.get(i), an, bn, out, limit);
            }
            return;
        }
        out.add((path.isEmpty() ? "/" : path) + ": " + an + "=" + abbreviate(a) + " " + bn + "=" + abbreviate(b));
    }

    private static String abbreviate(JsonNode node) {
        String s = node.isMissingNode() ? "(absent)" : node.toString();
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
