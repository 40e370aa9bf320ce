package dev.pullthrough.module;

import java.util.Objects;

/** An output: rendered into {@code outputs.tf} and the README's output table from this one definition. */
public record Output(String name, String description, Expression value) {
    public Output {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, name + " description");
        Objects.requireNonNull(value, name + " value");
    }

    public Block toBlock() {
        return Block.of("output", name)
                .attr("description", description)
                .attr("value", value)
                .build();
    }
}
