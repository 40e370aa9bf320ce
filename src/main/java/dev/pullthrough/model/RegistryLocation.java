package dev.pullthrough.model;

import java.util.Optional;

/**
 * What is known, when rules are validated, about where their registry lives: the account and the region, each
 * possibly unknown (a value looked up at plan time, a cdktf token, a CLI run without {@code --account-id}). A
 * credential must live in the rule's own account and region; that is checked for whichever part is known.
 *
 * <p>Not validated here: {@link RegistryCoordinates} checks the forms. Later inputs that move the registry (another
 * account or region than the caller's) only change which location is passed in.
 */
public record RegistryLocation(Optional<String> accountId, Optional<String> region) {
    public RegistryLocation {
        accountId = accountId == null ? Optional.empty() : accountId.map(String::trim).filter(v -> !v.isEmpty());
        region = region == null ? Optional.empty() : region.map(String::trim).filter(v -> !v.isEmpty());
    }

    public static RegistryLocation unknown() {
        return new RegistryLocation(Optional.empty(), Optional.empty());
    }

    /** From values that may be null (unknown). */
    public static RegistryLocation of(String accountId, String region) {
        return new RegistryLocation(Optional.ofNullable(accountId), Optional.ofNullable(region));
    }

    /**
     * Whether an ARN ({@code arn:<partition>:<service>:<region>:<account>:...}) lies elsewhere than this location,
     * for the parts known on both sides.
     */
    public boolean excludes(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return false;
        }
        return region.filter(r -> !r.equals(parts[3])).isPresent()
                || accountId.filter(a -> !a.equals(parts[4])).isPresent();
    }
}
