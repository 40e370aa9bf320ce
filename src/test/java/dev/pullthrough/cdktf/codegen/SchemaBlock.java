package dev.pullthrough.cdktf.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One block of a provider schema (a resource, a data source, a nested block or an object type), reduced to what a
 * binding needs: its fields in name order, each a plain value or a nested record.
 */
record SchemaBlock(String description, boolean deprecated, List<Field> fields) {

    /** How a nested record is written: one object, a list holding one object, or a list of objects. */
    enum Shape { OBJECT, LIST_OF_ONE, LIST }

    /**
     * An attribute or nested block. {@code type} is set for plain values, {@code nested} for records; {@code shape}
     * says how a record is written.
     */
    record Field(String name, String description, TerraformType type, SchemaBlock nested, Shape shape,
                 boolean required, boolean settable, boolean sensitive, boolean deprecated, boolean block) {
        boolean isRecord() {
            return nested != null;
        }
    }

    static SchemaBlock parse(JsonNode block, String where) {
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : iterable(block.path("attributes"))) {
            fields.add(attribute(e.getKey(), e.getValue(), where + "." + e.getKey()));
        }
        for (Map.Entry<String, JsonNode> e : iterable(block.path("block_types"))) {
            fields.add(nestedBlock(e.getKey(), e.getValue(), where + "." + e.getKey()));
        }
        fields.sort(Comparator.comparing(Field::name));
        return new SchemaBlock(block.path("description").asText(""), block.path("deprecated").asBoolean(), fields);
    }

    private static Field attribute(String name, JsonNode a, String where) {
        boolean required = a.path("required").asBoolean();
        boolean settable = required || a.path("optional").asBoolean();
        String description = a.path("description").asText("");
        boolean sensitive = a.path("sensitive").asBoolean();
        boolean deprecated = a.path("deprecated").asBoolean();
        if (a.has("nested_type")) {
            JsonNode nestedType = a.get("nested_type");
            SchemaBlock nested = parse(nestedType, where);
            Shape shape = switch (nestedType.path("nesting_mode").asText()) {
                case "single" -> Shape.OBJECT;
                case "list", "set" -> Shape.LIST;
                default -> throw unsupported(where, "nested attribute nesting " + nestedType.path("nesting_mode"));
            };
            return new Field(name, description, null, nested, shape, required, settable, sensitive, deprecated, false);
        }
        TerraformType type = TerraformType.parse(a.path("type"), where);
        if (type instanceof TerraformType.ObjectType object) {
            return new Field(name, description, null, ofObject(object), Shape.OBJECT, required, settable, sensitive,
                    deprecated, false);
        }
        if (type instanceof TerraformType.Collection c && c.element() instanceof TerraformType.ObjectType object) {
            if (c.isMap()) {
                throw unsupported(where, "map of objects");
            }
            return new Field(name, description, null, ofObject(object), Shape.LIST, required, settable, sensitive,
                    deprecated, false);
        }
        return new Field(name, description, type, null, null, required, settable, sensitive, deprecated, false);
    }

    private static Field nestedBlock(String name, JsonNode b, String where) {
        SchemaBlock nested = parse(b.path("block"), where);
        int maxItems = b.path("max_items").asInt(0);
        Shape shape = switch (b.path("nesting_mode").asText()) {
            case "single", "group" -> Shape.OBJECT;
            case "list", "set" -> maxItems == 1 ? Shape.LIST_OF_ONE : Shape.LIST;
            default -> throw unsupported(where, "block nesting " + b.path("nesting_mode"));
        };
        boolean required = b.path("min_items").asInt(0) > 0;
        return new Field(name, nested.description(), null, nested, shape, required, true, false, nested.deprecated(),
                true);
    }

    /** Object type attributes have no optional/required marks; written as JSON blocks, each may be left out. */
    private static SchemaBlock ofObject(TerraformType.ObjectType object) {
        List<Field> fields = new ArrayList<>();
        object.attributes().forEach((name, type) -> {
            if (type instanceof TerraformType.ObjectType || type instanceof TerraformType.Collection c
                    && c.element() instanceof TerraformType.ObjectType) {
                throw unsupported(name, "object nested in an object type");
            }
            fields.add(new Field(name, "", type, null, null, false, true, false, false, false));
        });
        fields.sort(Comparator.comparing(Field::name));
        return new SchemaBlock("", false, fields);
    }

    private static IllegalArgumentException unsupported(String where, String what) {
        return new IllegalArgumentException(where + ": unsupported in bindings: " + what
                + " (extend BindingRenderer, or leave this type out of the list)");
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
