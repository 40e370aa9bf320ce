package dev.pullthrough.model;

import java.util.Objects;

/**
 * One thing wrong with a rule set: which rule, which field, the bad value, the constraint it breaks and the fix.
 *
 * @param ruleKey the key of the rule in the rules map, or {@code null} for a problem of the whole set
 * @param field the field name as users write it ({@code upstream_registry_url}), or {@code null} for the whole rule
 * @param value the offending value as given, or {@code null} when the value is missing
 */
public record Problem(Severity severity, String ruleKey, String field, String value, String constraint, String fix) {
    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(constraint, "constraint");
        Objects.requireNonNull(fix, "fix");
    }

    static Problem error(String ruleKey, String field, String value, String constraint, String fix) {
        return new Problem(Severity.ERROR, ruleKey, field, value, constraint, fix);
    }

    static Problem warning(String ruleKey, String field, String value, String constraint, String fix) {
        return new Problem(Severity.WARNING, ruleKey, field, value, constraint, fix);
    }

    /**
     * One line naming everything: {@code rule "hub": upstream_registry_url = "docker.io": <constraint>. <fix>}.
     */
    public String message() {
        StringBuilder b = new StringBuilder();
        b.append(ruleKey == null ? "rules" : "rule \"" + ruleKey + "\"");
        if (field != null) {
            b.append(": ").append(field);
            b.append(value == null ? " is missing" : " = \"" + value + "\"");
        }
        b.append(": ").append(constraint).append(". ").append(fix);
        return b.toString();
    }

    @Override
    public String toString() {
        return severity + ": " + message();
    }
}
