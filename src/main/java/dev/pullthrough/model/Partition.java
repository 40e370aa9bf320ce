package dev.pullthrough.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An AWS partition: decides the ARN prefix and the DNS suffix of the ECR registry host.
 *
 * <p>Where ECR pull-through cache exists (docs/DOMAIN.md, "Partitions"): the commercial partition, and the China
 * regions, whose ECR user guide documents pull-through cache rules (with registry hosts under
 * {@code amazonaws.com.cn}). AWS announced the feature for every region except GovCloud and China in 2023; China has
 * it since, GovCloud's documentation still does not offer it. So {@code aws-us-gov} is refused with a clear error
 * instead of a host whose rules AWS would not create.
 */
public enum Partition {
    AWS("aws", "amazonaws.com", "", true),
    AWS_CN("aws-cn", "amazonaws.com.cn", "cn-", true),
    AWS_US_GOV("aws-us-gov", "amazonaws.com", "us-gov-", false);

    private final String id;
    private final String dnsSuffix;
    private final String regionPrefix;
    private final boolean offersPullThroughCache;

    Partition(String id, String dnsSuffix, String regionPrefix, boolean offersPullThroughCache) {
        this.id = id;
        this.dnsSuffix = dnsSuffix;
        this.regionPrefix = regionPrefix;
        this.offersPullThroughCache = offersPullThroughCache;
    }

    /** How the names of this partition's regions start ({@code cn-}); empty for the commercial partition. */
    public String regionPrefix() {
        return regionPrefix;
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

    /** The reason a partition without pull-through cache is refused, the same on every face. */
    public static final String NO_PULL_THROUGH_CACHE =
            "ECR pull-through cache is not offered in this partition; use a region of the aws or aws-cn partition";

    /** The partition a region belongs to, from the region's name ({@code cn-north-1} is in {@code aws-cn}). */
    public static Partition ofRegion(String region) {
        return Arrays.stream(values())
                .filter(p -> !p.regionPrefix.isEmpty() && region.startsWith(p.regionPrefix))
                .findFirst()
                .orElse(AWS);
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
