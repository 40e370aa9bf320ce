package dev.pullthrough.cdktf.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Terraform type as the provider schema spells it: {@code "string"}, {@code ["list","string"]}, {@code ["object",{...}]}. */
sealed interface TerraformType {

    /** string, number, bool or dynamic. */
    record Primitive(String name) implements TerraformType {
    }

    /** list, set or map of one element type. */
    record Collection(String kind, TerraformType element) implements TerraformType {
        boolean isMap() {
            return kind.equals("map");
        }
    }

    /** An object with named attribute types (all of them optional when written as JSON blocks). */
    record ObjectType(Map<String, TerraformType> attributes) implements TerraformType {
    }

    static TerraformType parse(JsonNode node, String where) {
        if (node.isTextual() && node.asText().matches("string|number|bool|dynamic")) {
            return new Primitive(node.asText());
        }
        if (node.isArray() && node.size() == 2 && node.get(0).asText().matches("list|set|map")) {
            return new Collection(node.get(0).asText(), parse(node.get(1), where));
        }
        if (node.isArray() && node.size() == 2 && node.get(0).asText().equals("object")) {
            Map<String, TerraformType> attributes = new LinkedHashMap<>();
            node.get(1).fields().forEachRemaining(e -> attributes.put(e.getKey(), parse(e.getValue(), where)));
            return new ObjectType(attributes);
        }
        throw new IllegalArgumentException(where + ": unsupported Terraform type " + node
                + " (expected string, number, bool, dynamic, list/set/map of a type, or object)");
    }
}
