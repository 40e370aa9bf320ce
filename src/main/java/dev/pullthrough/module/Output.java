package dev.pullthrough.module;

import java.util.List;
import java.util.Objects;

/**
 * An output: rendered into {@code outputs.tf} and the README's output table from this one definition.
 *
 * @param preconditions checks Terraform runs at plan time whatever the module creates (outputs are always
 *     evaluated), for conditions over several inputs (written when the floor was Terraform 1.7, whose validations could not see
 *     a second variable)
 */
public record Output(String name, String description, Expression value, List<Validation> preconditions) {
    public Output {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, name + " description");
        Objects.requireNonNull(value, name + " value");
        preconditions = List.copyOf(preconditions);
    }

    public Output(String name, String description, Expression value) {
        this(name, description, value, List.of());
    }

    public Output withPrecondition(Validation precondition) {
        List<Validation> all = new java.util.ArrayList<>(preconditions);
        all.add(precondition);
        return new Output(name, description, value, all);
    }

    public Block toBlock() {
        Block.Builder b = Block.of("output", name)
                .attr("description", description)
                .attr("value", value);
        preconditions.forEach(v -> b.block(v.toBlock("precondition")));
        return b.build();
    }
}
