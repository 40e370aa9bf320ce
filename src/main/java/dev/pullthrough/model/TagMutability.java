package dev.pullthrough.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Tag mutability of the cache repositories ECR creates. MUTABLE lets a cached tag follow its upstream tag (latest,
 * 22); IMMUTABLE pins the first image a tag was cached with.
 */
public enum TagMutability {
    MUTABLE,
    IMMUTABLE;

    /** The values as AWS spells them, for messages and generated validations. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    /** The value for an exact AWS spelling; empty otherwise (AWS does not fold case). */
    public static Optional<TagMutability> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.name().equals(value)).findFirst();
    }
}
