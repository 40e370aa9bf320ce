package dev.pullthrough.model;

import java.util.Optional;

/**
 * What is known, when rules are validated, about where their registry lives: the account, the region and the
 * partition, each possibly unknown (a value looked up at plan time, a cdktf token, a CLI run without
 * {@code --account-id}). A credential must live in the rule's own account and region, and an ECR upstream in the
 * rule's own partition; each is checked for whichever part is known.
 *
 * <p>Not validated here: {@link RegistryCoordinates} checks the forms. Later inputs that move the registry (another
 * account or region than the caller's) only change which location is passed in.
 */
public record RegistryLocation(Optional<String> accountId, Optional<String> region, Optional<Partition> partition) {
    public RegistryLocation {
        accountId = accountId == null ? Optional.empty() : accountId.map(String::trim).filter(v -> !v.isEmpty());
        region = region == null ? Optional.empty() : region.map(String::trim).filter(v -> !v.isEmpty());
        partition = partition == null ? Optional.empty() : partition;
    }

    public static RegistryLocation unknown() {
        return new RegistryLocation(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** From values that may be null (unknown); the partition is that of the region when the region is a name. */
    public static RegistryLocation of(String accountId, String region) {
        return of(accountId, region, null);
    }

    /** From values that may be null (unknown); the partition as {@link Partition#givenOrOfRegion} decides it. */
    public static RegistryLocation of(String accountId, String region, Partition partition) {
        return new RegistryLocation(Optional.ofNullable(accountId), Optional.ofNullable(region),
                Optional.ofNullable(Partition.givenOrOfRegion(partition, region)));
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
