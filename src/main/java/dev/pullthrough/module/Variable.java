package dev.pullthrough.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An input variable: rendered into {@code variables.tf} and into the README's input table from this one definition.
 *
 * @param defaultValue the default, or null for a required variable (use {@link Expression#nullValue()} for an
 *     optional variable that defaults to null)
 */
public record Variable(String name, String description, TypeConstraint type, Expression defaultValue,
        boolean nullable, List<Validation> validations) {

    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, name + " description");
        Objects.requireNonNull(type, name + " type");
        validations = List.copyOf(validations);
    }

    public static Builder builder(String name, TypeConstraint type) {
        return new Builder(name, type);
    }

    public boolean required() {
        return defaultValue == null;
    }

    public Block toBlock() {
        Block.Builder b = Block.of("variable", name)
                .attr("description", description.contains("\n") ? Expression.heredoc(description) : Expression.string(description))
                .attr("type", type);
        if (defaultValue != null) {
            b.attr("default", defaultValue);
        }
        if (!nullable) {
            b.attr("nullable", Expression.bool(false));
        }
        for (Validation v : validations) {
            b.block(v.toBlock());
        }
        return b.build();
    }

    public static final class Builder {
        private final String name;
        private final TypeConstraint type;
        private String description;
        private Expression defaultValue;
        private boolean nullable = true;
        private final List<Validation> validations = new ArrayList<>();

        private Builder(String name, TypeConstraint type) {
            this.name = name;
            this.type = type;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder defaultValue(Expression value) {
            this.defaultValue = value;
            return this;
        }

        /** A default that can not be null: callers passing null get the default instead. */
        public Builder defaultNonNull(Expression value) {
            this.defaultValue = value;
            this.nullable = false;
            return this;
        }

        public Builder validation(Validation v) {
            validations.add(v);
            return this;
        }

        public Builder validations(List<Validation> vs) {
            validations.addAll(vs);
            return this;
        }

        public Variable build() {
            return new Variable(name, description, type, defaultValue, nullable, validations);
        }
    }
}
