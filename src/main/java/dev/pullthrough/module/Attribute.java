package dev.pullthrough.module;

import java.util.Objects;

/** {@code name = value} inside a block. */
public record Attribute(String name, Expression value) implements BodyItem {
    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, name);
    }
}
