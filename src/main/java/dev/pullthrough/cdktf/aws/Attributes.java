package dev.pullthrough.cdktf.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the attribute map a binding hands to cdktf. Unset values are left out rather than sent as null, because jsii
 * drops Java nulls unpredictably and Terraform treats an absent argument and a null one the same way anyway.
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
        values.put(name, value);
        return this;
    }

    /** An immutable copy sorted by key, so synthesized JSON does not depend on the caller's map type. */
    static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    Map<String, Object> toMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
