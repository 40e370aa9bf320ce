package dev.pullthrough.testing.cdktf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Synthesizes a stack in memory (cdktf's Testing.synth, validations on) and parses the Terraform JSON. */
public final class Synth {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(data\\.)?(aws_[a-z0-9_]+)\\.([A-Za-z0-9_-]+)\\.([a-z0-9_]+)");

    private Synth() {
    }

    /** A fresh test app (one per test keeps stacks independent; the jsii runtime is shared by the whole JVM). */
    public static App app() {
        return Testing.app();
    }

    public static JsonNode stack(TerraformStack stack) {
        return parse(Testing.synth(stack, true));
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("synthesized stack is not JSON: " + json, e);
        }
    }

    /** A Terraform reference found in a synthesized string, e.g. {@code ${data.aws_partition.p.partition}}. */
    public record Reference(boolean dataSource, String type, String name, String attribute) {
        @Override
        public String toString() {
            return (dataSource ? "data." : "") + type + "." + name + "." + attribute;
        }
    }

    /** Every reference to an aws_* resource or data source attribute anywhere in the stack's strings. */
    public static List<Reference> references(JsonNode stack) {
        List<Reference> found = new ArrayList<>();
        collect(stack, found);
        return found;
    }

    private static void collect(JsonNode node, List<Reference> found) {
        if (node.isTextual()) {
            Matcher m = REFERENCE.matcher(node.asText());
            while (m.find()) {
                found.add(new Reference(m.group(1) != null, m.group(2), m.group(3), m.group(4)));
            }
        } else {
            node.forEach(child -> collect(child, found));
        }
    }

    /** The resources of one type, by Terraform name, in synthesized order. */
    public static java.util.Map<String, JsonNode> resources(JsonNode stack, String type) {
        return byName(stack.path("resource").path(type));
    }

    public static java.util.Map<String, JsonNode> dataSources(JsonNode stack, String type) {
        return byName(stack.path("data").path(type));
    }

    private static java.util.Map<String, JsonNode> byName(JsonNode node) {
        java.util.Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The single resource of a type; fails when there is not exactly one. */
    public static JsonNode only(JsonNode stack, String type) {
        java.util.Map<String, JsonNode> all = resources(stack, type);
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one " + type + ", found " + all.keySet());
        }
        return all.values().iterator().next();
    }

    public static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
