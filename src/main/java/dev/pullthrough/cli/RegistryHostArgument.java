package dev.pullthrough.cli;

import dev.pullthrough.model.InvalidCoordinatesException;
import dev.pullthrough.model.RegistryCoordinates;

/**
 * A {@code --registry} value: the ECR registry host, as {@code RUNS_ON_ECR_PULL_THROUGH_CACHE} holds it. Checked like
 * every other input, so a typo is an error rather than a reference that cannot be pulled.
 */
final class RegistryHostArgument {
    private static final String EXAMPLE = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

    private RegistryHostArgument() {
    }

    /** The host, lower-cased; {@link InvalidCoordinatesException} (exit 2) saying what is wrong and what to give. */
    static String parse(String flag, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidCoordinatesException(flag, String.valueOf(value),
                    "no registry given; pass " + flag + " or set RUNS_ON_ECR_PULL_THROUGH_CACHE");
        }
        String host = value.trim();
        if (host.contains("://") || host.contains("/")) {
            throw new InvalidCoordinatesException(flag, value,
                    "give the registry host only, without scheme or path, e.g. " + EXAMPLE);
        }
        return RegistryCoordinates.parseHost(host).map(RegistryCoordinates::registryHost)
                .orElseThrow(() -> new InvalidCoordinatesException(flag, value, "not an ECR registry host; expected"
                        + " <12-digit account id>.dkr.ecr.<region>.amazonaws.com, e.g. " + EXAMPLE));
    }
}
