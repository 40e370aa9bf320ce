package dev.pullthrough.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one generated module is: its inputs, resources, checks and outputs, the README prose, a usage example
 * and its {@code terraform test} suites. Both renderings (HCL and JSON) and the README tables come from this one
 * definition, so they can not drift apart.
 *
 * @param validationLocals the {@code locals} blocks the variables' validations read, written after the variables
 * @param usage the arguments of the README's usage example (the {@code source} line is added per form)
 */
public record ModuleDefinition(String name, String summary, List<Variable> variables, List<Block> validationLocals,
        List<Block> resources, List<Check> checks, List<Output> outputs, List<BodyItem> usage, String notes,
        List<TestSuite> tests) {

    public ModuleDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        variables = List.copyOf(variables);
        validationLocals = List.copyOf(validationLocals);
        resources = List.copyOf(resources);
        checks = List.copyOf(checks);
        outputs = List.copyOf(outputs);
        usage = List.copyOf(usage);
        tests = List.copyOf(tests);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public TerraformFile variablesFile() {
        List<Block> blocks = new ArrayList<>(variables.stream().map(Variable::toBlock).toList());
        blocks.addAll(validationLocals);
        return new TerraformFile("variables", blocks);
    }

    public TerraformFile mainFile() {
        List<Block> blocks = new ArrayList<>(resources);
        checks.forEach(c -> blocks.add(c.toBlock()));
        return new TerraformFile("main", blocks);
    }

    public TerraformFile outputsFile() {
        return new TerraformFile("outputs", outputs.stream().map(Output::toBlock).toList());
    }

    public Variable variable(String variableName) {
        return variables.stream().filter(v -> v.name().equals(variableName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no variable " + variableName));
    }

    public static final class Builder {
        private final String name;
        private String summary;
        private String notes = "";
        private final List<Variable> variables = new ArrayList<>();
        private final List<Block> validationLocals = new ArrayList<>();
        private final List<Block> resources = new ArrayList<>();
        private final List<Check> checks = new ArrayList<>();
        private final List<Output> outputs = new ArrayList<>();
        private final List<BodyItem> usage = new ArrayList<>();
        private final List<TestSuite> tests = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        public Builder notes(String markdown) {
            this.notes = markdown;
            return this;
        }

        public Builder variable(Variable v) {
            variables.add(v);
            return this;
        }

        public Builder variables(List<Variable> vs) {
            variables.addAll(vs);
            return this;
        }

        /** A {@code locals} block of constants the validations read (see {@link RuleConstants}). */
        public Builder validationLocals(Block locals) {
            validationLocals.add(locals);
            return this;
        }

        public Builder resource(Block b) {
            resources.add(b);
            return this;
        }

        public Builder resources(List<Block> bs) {
            resources.addAll(bs);
            return this;
        }

        public Builder check(Check c) {
            checks.add(c);
            return this;
        }

        public Builder output(Output o) {
            outputs.add(o);
            return this;
        }

        public Builder output(String outputName, String description, Expression value) {
            return output(new Output(outputName, description, value));
        }

        public Builder usage(BodyItem item) {
            usage.add(item);
            return this;
        }

        public Builder usage(String argument, Expression value) {
            return usage(new Attribute(argument, value));
        }

        public Builder test(TestSuite suite) {
            tests.add(suite);
            return this;
        }

        public ModuleDefinition build() {
            return new ModuleDefinition(name, summary, variables, validationLocals, resources, checks, outputs, usage,
                    notes, tests);
        }
    }
}
