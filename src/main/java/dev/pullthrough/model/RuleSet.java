package dev.pullthrough.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The pull-through cache rules of one registry, sorted by key so that everything rendered from them is stable.
 */
public record RuleSet(List<PullThroughRule> rules) {
    public RuleSet {
        rules = rules.stream().sorted(Comparator.comparing(PullThroughRule::key)).toList();
    }

    public static RuleSet of(Collection<PullThroughRule> rules) {
        return new RuleSet(List.copyOf(rules));
    }

    public static RuleSet of(PullThroughRule... rules) {
        return new RuleSet(List.of(rules));
    }

    public static RuleSet empty() {
        return new RuleSet(List.of());
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rule that caches Docker Hub, which is what makes a transparent daemon mirror possible. */
    public Optional<PullThroughRule> dockerHubRule() {
        return rules.stream()
                .filter(r -> r.upstreamKind().filter(UpstreamKind.DOCKER_HUB::equals).isPresent())
                .findFirst();
    }

    public boolean hasRoot() {
        return rules.stream().anyMatch(PullThroughRule::isRoot);
    }

    public ValidationReport validate(ValidationMode mode) {
        return validate(mode, RegistryLocation.unknown());
    }

    /** Also checks that credentials live in the registry's account and region, as far as those are known. */
    public ValidationReport validate(ValidationMode mode, RegistryLocation location) {
        return RuleSetValidator.validate(this, mode, location);
    }

    /** This rule set when it has no errors; otherwise an exception listing every error. */
    public RuleSet requireValid(ValidationMode mode) {
        return requireValid(mode, RegistryLocation.unknown());
    }

    public RuleSet requireValid(ValidationMode mode, RegistryLocation location) {
        ValidationReport report = validate(mode, location);
        if (!report.isValid()) {
            throw new InvalidRuleSetException(report);
        }
        return this;
    }
}
