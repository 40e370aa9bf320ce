package dev.pullthrough.testing.terraform;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A named set of module inputs, e.g. {@code "root-rule"}; the name appears in every failure message. */
public record InputSet(String name, Map<String, Object> inputs) {
    public InputSet {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("input set names are lower-case words with dashes, got \"" + name + "\"");
        }
        inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
    }

    public static InputSet of(String name, Map<String, ?> inputs) {
        return new InputSet(name, new TreeMap<>(inputs));
    }

    /** This set with one more (or replaced) input. */
    public InputSet with(String input, Object value) {
        Map<String, Object> copy = new TreeMap<>(inputs);
        copy.put(input, value);
        return new InputSet(name, copy);
    }
}
