package dev.pullthrough.cdktf.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the attribute map a binding hands to cdktf. Unset values are left out rather than sent as null, because jsii
 * drops Java nulls unpredictably and Terraform treats an absent argument and a null one the same way anyway. Nested
 * blocks (records) become maps here, so jsii only ever sees strings, numbers, tokens, lists and maps.
 */
final class Attributes {
    private final Map<String, Object> values = new LinkedHashMap<>();

    static Attributes create() {
        return new Attributes();
    }

    Attributes put(String name, Object value) {
        if (value == null) {
            return this;
        }
        if (value instanceof List<?> list && list.isEmpty()) {
            return this;
        }
        if (value instanceof Map<?, ?> map && map.isEmpty()) {
            return this;
        }
        values.put(name, toTerraform(value));
        return this;
    }

    private static Object toTerraform(Object value) {
        if (value instanceof TerraformBlock block) {
            return block.toTerraform();
        }
        if (value instanceof List<?> list && list.stream().anyMatch(TerraformBlock.class::isInstance)) {
            return list.stream().map(Attributes::toTerraform).toList();
        }
        return value;
    }

    /** An immutable copy sorted by key (null stays null), so synthesized JSON does not depend on the caller's map type. */
    static <V> Map<String, V> sorted(Map<String, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    Map<String, Object> toMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
