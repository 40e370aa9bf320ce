package dev.pullthrough.model;

import java.util.stream.Collectors;

/** A rule set AWS would reject; carries every problem found, not just the first. */
public final class InvalidRuleSetException extends IllegalArgumentException {
    private final ValidationReport report;

    public InvalidRuleSetException(ValidationReport report) {
        super(report.errors().size() + " problem(s) in the pull-through cache rules:\n"
                + report.errors().stream().map(p -> "  - " + p.message()).collect(Collectors.joining("\n")));
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
