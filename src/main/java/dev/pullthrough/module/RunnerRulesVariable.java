package dev.pullthrough.module;

import dev.pullthrough.model.ValidationMode;

/**
 * The definition of the {@code ecr_pull_through_cache_rules} variable (RunsOn's name and shape, kept as the contract),
 * validated as references to rules that already exist (no credential needed): the input of the access and runner
 * modules, and the cache module's output. The cache module's own input, with credentials, is {@code rules}.
 */
final class RunnerRulesVariable {
    static final String VARIABLE = "ecr_pull_through_cache_rules";

    private RunnerRulesVariable() {
    }

    /** {@code any}, checked by validations, as the cache module's {@code rules}. */
    static TypeConstraint type() {
        return TypeConstraint.ANY;
    }

    static RuleMapValidation validation() {
        return new RuleMapValidation(VARIABLE, ValidationMode.EXISTING, false);
    }

    static Variable variable(String purpose) {
        return Variable.builder(VARIABLE, type())
                .description("""
                        The pull-through cache rules runners use, in RunsOn's shape (the ecr_pull_through_cache_rules output of
                        ecr-pull-through-cache fits as is): a map of { ecr_repository_prefix, upstream_registry_url,
                        upstream_repository_prefix (optional) }. Values are trimmed; prefixes must be unique.
                        """ + purpose + "\n")
                .defaultNonNull(Expression.object().build())
                .validations(validation().validations())
                .build();
    }
}
