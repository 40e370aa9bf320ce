package dev.pullthrough.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An AWS partition: decides the ARN prefix and the DNS suffix of the ECR registry host.
 *
 * <p>ECR pull-through cache is offered in the commercial partition only; the China and GovCloud partitions are kept
 * here so that a runner fleet there gets a clear error instead of a host that does not exist.
 */
public enum Partition {
    AWS("aws", "amazonaws.com", true),
    AWS_CN("aws-cn", "amazonaws.com.cn", false),
    AWS_US_GOV("aws-us-gov", "amazonaws.com", false);

    private final String id;
    private final String dnsSuffix;
    private final boolean offersPullThroughCache;

    Partition(String id, String dnsSuffix, boolean offersPullThroughCache) {
        this.id = id;
        this.dnsSuffix = dnsSuffix;
        this.offersPullThroughCache = offersPullThroughCache;
    }

    /** The partition as it appears in ARNs: {@code aws}, {@code aws-cn}, {@code aws-us-gov}. */
    public String id() {
        return id;
    }

    public String dnsSuffix() {
        return dnsSuffix;
    }

    public boolean offersPullThroughCache() {
        return offersPullThroughCache;
    }

    /** The partition a region belongs to, from the region's name ({@code cn-north-1} is in {@code aws-cn}). */
    public static Partition ofRegion(String region) {
        if (region.startsWith("cn-")) {
            return AWS_CN;
        }
        if (region.startsWith("us-gov-")) {
            return AWS_US_GOV;
        }
        return AWS;
    }

    public static Partition fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new InvalidCoordinatesException("partition", id,
                        "unknown partition; use one of " + Arrays.stream(values()).map(Partition::id)
                                .collect(Collectors.joining(", "))));
    }
}
