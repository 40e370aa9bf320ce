package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * IAM policy documents compared by meaning rather than bytes: {@code "Action": "x"} equals {@code ["x"]}, the order
 * of actions, resources and statements does not matter, key order does not matter; the same holds for the principals
 * and condition values of resource policies. What does matter - Sid, Effect, every action, resource, principal and
 * condition - stays. Used to prove the Terraform module and the Java
 * {@code RunnerPolicy} grant the same thing, whichever renders single values as strings or orders sets differently.
 */
public final class PolicySemantics {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SET_VALUED = List.of("Action", "NotAction", "Resource", "NotResource");

    private PolicySemantics() {
    }

    public static JsonNode canonical(String policyJson) {
        JsonNode doc;
        try {
            doc = JSON.readTree(policyJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON policy document: " + e.getMessage() + "\n" + policyJson, e);
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("not a JSON object: " + policyJson);
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("Version", doc.path("Version"));
        List<JsonNode> statements = new ArrayList<>();
        JsonNode raw = doc.path("Statement");
        for (JsonNode s : raw.isArray() ? raw : JSON.createArrayNode().add(raw)) {
            statements.add(canonicalStatement(s));
        }
        statements.sort(Comparator.comparing(JsonNode::toString));
        ArrayNode list = out.putArray("Statement");
        statements.forEach(list::add);
        return out;
    }

    private static JsonNode canonicalStatement(JsonNode statement) {
        TreeMap<String, JsonNode> fields = new TreeMap<>();
        statement.fields().forEachRemaining(e -> {
            if (SET_VALUED.contains(e.getKey())) {
                fields.put(e.getKey(), sortedSet(e.getValue()));
            } else if (e.getKey().equals("Principal") || e.getKey().equals("Condition")) {
                fields.put(e.getKey(), valuesAsSets(e.getValue()));
            } else {
                fields.put(e.getKey(), e.getValue());
            }
        });
        ObjectNode out = JSON.createObjectNode();
        fields.forEach(out::set);
        return out;
    }

    /**
     * {@code {"AWS": "x"}} / {@code {"StringEquals": {"aws:PrincipalOrgID": ["o-1"]}}}: objects (keys sorted) whose
     * leaves, one value or a list, become sorted lists.
     */
    private static JsonNode valuesAsSets(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), valuesAsSets(e.getValue())));
            ObjectNode out = JSON.createObjectNode();
            sorted.forEach(out::set);
            return out;
        }
        return sortedSet(node);
    }

    /** One value or a list of them, as a sorted list without duplicates. */
    private static ArrayNode sortedSet(JsonNode node) {
        TreeSet<String> values = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else {
            values.add(node.asText());
        }
        ArrayNode out = JSON.createArrayNode();
        values.forEach(out::add);
        return out;
    }

    /** One statement's meaning: its actions and resources as sorted sets. */
    public record Grant(String effect, java.util.SortedSet<String> actions, java.util.SortedSet<String> resources) {
    }

    /** The statements of a policy by Sid (statements without a Sid are keyed "#<index>"). */
    public static java.util.SortedMap<String, Grant> grantsBySid(String policyJson) {
        java.util.SortedMap<String, Grant> grants = new TreeMap<>();
        int index = 0;
        for (JsonNode s : canonical(policyJson).path("Statement")) {
            TreeSet<String> actions = new TreeSet<>();
            s.path("Action").forEach(a -> actions.add(a.asText()));
            TreeSet<String> resources = new TreeSet<>();
            s.path("Resource").forEach(r -> resources.add(r.asText()));
            String sid = s.path("Sid").asText("#" + index);
            grants.put(sid, new Grant(s.path("Effect").asText(), actions, resources));
            index++;
        }
        return grants;
    }

    /** Fails with both canonical documents when the two policies grant different things. */
    public static void assertEquivalent(String context, String expectedJson, String actualJson) {
        JsonNode expected = canonical(expectedJson);
        JsonNode actual = canonical(actualJson);
        if (!expected.equals(actual)) {
            throw new AssertionError("[" + context + "] policies differ in meaning\n  expected: " + expected
                    + "\n  actual:   " + actual);
        }
    }
}
