package dev.pullthrough.cli.images;

import dev.pullthrough.model.PullThroughRule;
import java.util.Optional;

/** The uncovered references of one registry, and the rule that would cover them when ECR can cache it. */
public record UncoveredGroup(String registry, int count, Optional<PullThroughRule> suggestedRule) {
}
