package dev.pullthrough.model;

import java.util.Objects;

/**
 * The partition, region and account that repository ARNs are built from, as plain strings.
 *
 * <p>Unlike {@link RegistryCoordinates} it does not validate, because its parts may be values that are only known at
 * plan time: cdktf tokens or Terraform expressions such as {@code ${data.aws_partition.current.partition}}.
 */
public record ArnScope(String partition, String region, String accountId) {
    public ArnScope {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** Every repository under a prefix: {@code arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*}. */
    public String repositoryArn(String prefix) {
        return repositoryBase() + RepositoryPrefix.trimSlash(prefix) + "/*";
    }

    /** Every repository in the registry; what a ROOT rule needs. */
    public String allRepositoriesArn() {
        return repositoryBase() + "*";
    }

    private String repositoryBase() {
        return "arn:" + partition + ":ecr:" + region + ":" + accountId + ":repository/";
    }
}
