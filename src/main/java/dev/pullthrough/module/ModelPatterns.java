package dev.pullthrough.module;

/**
 * Patterns the generated validation needs from the model. Kept in one place so that every generated module uses the
 * model's own text.
 */
final class ModelPatterns {
    private ModelPatterns() {
    }

    /** An AWS region name, as {@code RegistryCoordinates} checks it. */
    static final String REGION = "[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}";
}
