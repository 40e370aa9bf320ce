package dev.pullthrough.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An AWS partition: decides the ARN prefix and the DNS suffix of the ECR registry host.
 *
 * <p>Where ECR pull-through cache exists (docs/DOMAIN.md, "Partitions"): every partition today. The 2021 launch
 * excluded the China and GovCloud regions; the ECR user guide for the China regions now documents the rules (registry
 * hosts under {@code amazonaws.com.cn}), and the GovCloud user guide lists pull-through cache among ECR's features
 * there, only limiting ECR-to-ECR rules to the same partition. The flag stays so that a partition AWS leaves out is
 * refused with one message on every face, instead of a host whose rules AWS would not create.
 */
public enum Partition {
    AWS("aws", "amazonaws.com", "", true),
    AWS_CN("aws-cn", "amazonaws.com.cn", "cn-", true),
    AWS_US_GOV("aws-us-gov", "amazonaws.com", "us-gov-", true);

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
            "ECR pull-through cache is not offered in this partition; use a region of a partition that offers it";

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
