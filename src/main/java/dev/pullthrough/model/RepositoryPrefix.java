package dev.pullthrough.model;

import java.util.regex.Pattern;

/**
 * An {@code ecr_repository_prefix} or {@code upstream_repository_prefix}: the namespace a rule's cache repositories
 * live under, or {@code ROOT} for "every repository no other rule matches".
 */
public record RepositoryPrefix(String value) {
    public static final String ROOT_VALUE = "ROOT";
    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 30;
    /** From the ECR API model (the AWS provider copies it). */
    public static final String PATTERN =
            "^((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*/?|ROOT)$";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public boolean isRoot() {
        return ROOT_VALUE.equals(value);
    }

    /** Whether AWS accepts the value: length and pattern. */
    public boolean isWellFormed() {
        return value != null && value.length() >= MIN_LENGTH && value.length() <= MAX_LENGTH
                && COMPILED.matcher(value).matches();
    }

    /** The prefix as it identifies a rule: a trailing slash does not make a different prefix. */
    public String canonical() {
        return trimSlash(value);
    }

    static String trimSlash(String prefix) {
        String p = prefix;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    @Override
    public String toString() {
        return value;
    }
}
