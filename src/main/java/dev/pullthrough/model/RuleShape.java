package dev.pullthrough.model;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of one rule as users write it: an object of string fields, nothing else. A misspelt field
 * ({@code credentials_arn}) is a typo until proven otherwise, and a number is not a prefix. The rules file reader and
 * the generated module validations reject both with these texts.
 */
public final class RuleShape {
    /** Every field a rule may have, sorted. */
    public static final List<String> FIELDS = List.copyOf(new TreeSet<>(Set.of("ecr_repository_prefix",
            "upstream_registry_url", "upstream_repository_prefix", "credential_arn", "custom_role_arn")));

    private RuleShape() {
    }

    public static String notAnObject(String key) {
        return "rule \"" + key + "\" must be an object with fields " + String.join(", ", FIELDS);
    }

    public static String unknownField(String key, String field) {
        return "rule \"" + key + "\" has unknown field \"" + field + "\"; allowed: " + String.join(", ", FIELDS);
    }

    /** @param kind what it is instead, as JSON names it: number, boolean, object, array */
    public static String notAString(String key, String field, String kind) {
        return "rule \"" + key + "\" field \"" + field + "\" must be a string, not " + kind;
    }
}
