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
 * there, only limiting ECR-to-ECR rules to the same partition. So every partition is accepted; a partition AWS left
 * out again would need a refusal on every face (the parity table's rows for it).
 */
public enum Partition {
    AWS("aws", "amazonaws.com", ""),
    AWS_CN("aws-cn", "amazonaws.com.cn", "cn-"),
    AWS_US_GOV("aws-us-gov", "amazonaws.com", "us-gov-");

    private final String id;
    private final String dnsSuffix;
    private final String regionPrefix;

    Partition(String id, String dnsSuffix, String regionPrefix) {
        this.id = id;
        this.dnsSuffix = dnsSuffix;
        this.regionPrefix = regionPrefix;
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

    /** The partition a region belongs to, from the region's name ({@code cn-north-1} is in {@code aws-cn}). */
    public static Partition ofRegion(String region) {
        return Arrays.stream(values())
                .filter(p -> !p.regionPrefix.isEmpty() && region.startsWith(p.regionPrefix))
                .findFirst()
                .orElse(AWS);
    }

    /**
     * How every face decides a partition: the one given, else that of the region when it is a region name; null when
     * neither is known (a token, a value looked up at plan time).
     */
    public static Partition givenOrOfRegion(Partition given, String region) {
        if (given != null) {
            return given;
        }
        String r = region == null ? null : region.trim();
        return RegistryCoordinates.isRegionName(r) ? ofRegion(r) : null;
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
