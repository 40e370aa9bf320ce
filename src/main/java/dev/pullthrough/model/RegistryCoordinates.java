package dev.pullthrough.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a private ECR registry lives: account, region and partition. Gives the registry host and repository ARNs.
 *
 * <p>Construct with {@link #of}, which rejects values that cannot name a registry, and partitions where AWS does not
 * offer pull-through cache. For values that are not known yet (cdktf tokens, Terraform expressions) use
 * {@link ArnScope} instead.
 */
public record RegistryCoordinates(String accountId, String region, Partition partition) {
    /** Public for the generated Terraform validation. */
    public static final String ACCOUNT_ID_PATTERN = "[0-9]{12}";
    /** The one spelling of an AWS region name (the model, the hook and the generated validations all use it). */
    public static final String REGION_PATTERN = "[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}";
    private static final Pattern ACCOUNT_ID = Pattern.compile(ACCOUNT_ID_PATTERN);
    private static final Pattern REGION = Pattern.compile(REGION_PATTERN);
    private static final Pattern REGISTRY_HOST =
            Pattern.compile("([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.(amazonaws\\.com(?:\\.cn)?)");

    public static final String ACCOUNT_ID_PROBLEM = "an AWS account id is exactly 12 digits";
    public static final String REGION_PROBLEM = "not an AWS region name; use a region such as us-east-1 or eu-west-1";
    /**
     * The regions of the isolated partitions (aws-iso, aws-iso-b, ...): spelled like any region, but their registry
     * hosts and ARNs are not the ones {@link Partition} knows, and pull-through cache is not documented there, so
     * every face refuses them rather than build hosts and ARNs that point nowhere.
     */
    public static final String ISOLATED_REGION_PATTERN = "[a-z]{2}-iso[a-z]?-[a-z]+-[0-9]{1,2}";
    public static final String ISOLATED_REGION_PROBLEM = "a region of an isolated AWS partition (aws-iso, aws-iso-b, ...),"
            + " which Pullthrough does not support: its registry hosts and ARNs differ and pull-through cache is not"
            + " documented there; use a region of aws, aws-cn or aws-us-gov";
    private static final Pattern ISOLATED_REGION = Pattern.compile(ISOLATED_REGION_PATTERN);

    public RegistryCoordinates {
        checkAccountId(accountId);
        checkRegion(region);
        if (partition == null) {
            throw new InvalidCoordinatesException("partition", null, "a partition is required (aws)");
        }
        checkRegionInPartition(region, partition);
    }

    /** Rejects anything but 12 digits; for a value given on its own (the rest may be looked up later). */
    public static void checkAccountId(String accountId) {
        checkAccountId("account_id", accountId);
    }

    /** As {@link #checkAccountId(String)} for an input of another name, e.g. {@code registry_account_id}. */
    public static void checkAccountId(String field, String accountId) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new InvalidCoordinatesException(field, accountId, ACCOUNT_ID_PROBLEM);
        }
    }

    /** Rejects what is not a region name ({@code us-east} is not: it lacks the number). */
    public static void checkRegion(String region) {
        checkRegion("region", region);
    }

    /** As {@link #checkRegion(String)} for an input of another name, e.g. {@code registry_region}. */
    public static void checkRegion(String field, String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new InvalidCoordinatesException(field, region, REGION_PROBLEM);
        }
        if (ISOLATED_REGION.matcher(region).matches()) {
            throw new InvalidCoordinatesException(field, region, ISOLATED_REGION_PROBLEM);
        }
    }

    public static void checkRegionInPartition(String region, Partition partition) {
        if (Partition.ofRegion(region) != partition) {
            throw new InvalidCoordinatesException("region", region,
                    "belongs to partition " + Partition.ofRegion(region).id() + ", not " + partition.id());
        }
    }

    /**
     * Checks the parts of a location that are known (null for unknown: looked up later, or a token), as every face
     * does for its account/region/partition inputs: forms, and the region in the given partition.
     *
     * @return the account, region and partition, for the credential and ECR-upstream location checks
     */
    public static RegistryLocation checkKnown(String accountId, String region, Partition partition) {
        if (accountId != null) {
            checkAccountId(accountId);
        }
        if (region != null) {
            checkRegion(region);
            if (partition != null) {
                checkRegionInPartition(region, partition);
            }
        }
        return RegistryLocation.of(accountId, region, partition);
    }

    /** The inputs naming a hub registry whose cache is shared with the caller's account. */
    public static final String HUB_ACCOUNT_ID = "registry_account_id";
    public static final String HUB_REGION = "registry_region";

    /**
     * Checks the given parts (null: not given) of a hub registry's location under the names every face gives these
     * inputs ({@value #HUB_ACCOUNT_ID}, {@value #HUB_REGION}), so constructs, modules and CLI say the same.
     */
    public static void checkHubRegistry(String accountId, String region) {
        if (accountId != null) {
            checkAccountId(HUB_ACCOUNT_ID, accountId);
        }
        if (region != null) {
            checkRegion(HUB_REGION, region);
        }
    }

    /**
     * As {@link #checkHubRegistry(String, String)}, and the hub's region in the runners' partition ({@code partition},
     * null when not known): the runner policy's ARNs are built with that partition, and a cache is shared through IAM
     * and ECR policies, neither of which crosses partitions.
     */
    public static void checkHubRegistry(String accountId, String region, Partition partition) {
        checkHubRegistry(accountId, region);
        if (region != null && partition != null && Partition.ofRegion(region) != partition) {
            throw new InvalidCoordinatesException(HUB_REGION, region,
                    hubInOtherPartition(Partition.ofRegion(region).id(), partition.id()));
        }
    }

    /**
     * Why a hub registry in another partition is refused; the partitions may be Terraform interpolations, so the
     * generated precondition says exactly what the Java side says.
     */
    public static String hubInOtherPartition(String hubPartition, String partition) {
        return "belongs to partition " + hubPartition + ", not the runners' partition " + partition
                + "; a cache is shared only within one partition (IAM and ECR policies do not cross partitions): "
                + "use a hub registry in a region of " + partition;
    }

    /** Whether {@code region} is spelled like an AWS region name ({@link #REGION_PATTERN}). */
    public static boolean isRegionName(String region) {
        return region != null && REGION.matcher(region).matches();
    }

    public static RegistryCoordinates of(String accountId, String region, Partition partition) {
        return new RegistryCoordinates(accountId, region, partition);
    }

    /** Coordinates with the partition taken from the region's name. */
    public static RegistryCoordinates of(String accountId, String region) {
        return new RegistryCoordinates(accountId, region, region == null ? null : Partition.ofRegion(region));
    }

    /** Reads {@code <account>.dkr.ecr.<region>.<dns suffix>}; empty when the host is not an ECR registry host. */
    public static Optional<RegistryCoordinates> parseHost(String host) {
        if (host == null) {
            return Optional.empty();
        }
        Matcher m = REGISTRY_HOST.matcher(host.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        Partition partition = Partition.ofRegion(m.group(2));
        if (!partition.dnsSuffix().equals(m.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new RegistryCoordinates(m.group(1), m.group(2), partition));
    }

    /** {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com}. */
    public String registryHost() {
        return registryHost(accountId, region, partition.dnsSuffix());
    }

    /**
     * The host form from parts that need not be known yet (cdktf tokens, Terraform interpolations), unvalidated:
     * the one place that knows how an ECR registry host is spelled.
     */
    public static String registryHost(String accountId, String region, String dnsSuffix) {
        return accountId + ".dkr.ecr." + region + "." + dnsSuffix;
    }

    public ArnScope arnScope() {
        return new ArnScope(partition.id(), region, accountId);
    }
}
