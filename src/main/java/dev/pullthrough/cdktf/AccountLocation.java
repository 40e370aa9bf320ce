package dev.pullthrough.cdktf;

import com.hashicorp.cdktf.Token;
import dev.pullthrough.cdktf.aws.DataAwsCallerIdentity;
import dev.pullthrough.cdktf.aws.DataAwsPartition;
import dev.pullthrough.cdktf.aws.DataAwsRegion;
import dev.pullthrough.model.ArnScope;
import dev.pullthrough.model.Partition;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RegistryLocation;
import software.constructs.Construct;

/**
 * The account, region and partition constructs work in, as strings that may be tokens. A value the user gave is
 * used as is; only the missing ones are looked up with data sources, so a stack with all three given plans without
 * any AWS call, like the Terraform modules with account_id/region/partition set.
 *
 * <p>A stack states its location once: {@link EcrPullThroughCache} resolves one, and {@link RunnerFleetPullThrough},
 * {@link EcrPullThroughCacheAccess} and {@link EcrPrivateEndpoints} take it with {@code cache(...)}; without a cache
 * in the app, {@link #of} makes one to hand to each of them with {@code location(...)}.
 *
 * <p>Literal values are validated here, at synth time, rather than failing later in a plan.
 */
public final class AccountLocation {
    private static final String AWS_REVERSE_DNS = "com.amazonaws";
    private static final String AWS_CN_REVERSE_DNS = "cn.com.amazonaws";

    private final String accountId;
    private final String region;
    private final String partition;
    private final String dnsSuffix;
    private final String reverseDnsPrefix;
    private RegistryLocation known = RegistryLocation.unknown();

    private AccountLocation(String accountId, String region, String partition, String dnsSuffix,
            String reverseDnsPrefix) {
        this.accountId = accountId;
        this.region = region;
        this.partition = partition;
        this.dnsSuffix = dnsSuffix;
        this.reverseDnsPrefix = reverseDnsPrefix;
    }

    /** What a construct's user gave (any of them null when not given). */
    record Given(String accountId, String region, Partition partition) {
        static Given none() {
            return new Given(null, null, null);
        }
    }

    /**
     * Resolves the location for a construct.
     *
     * @param needsAccount false for constructs that never build an ARN or host (the endpoints)
     * @param needsPullThrough true when the partition must offer ECR pull-through cache
     */
    static AccountLocation resolve(Construct scope, Given given, boolean needsAccount, boolean needsPullThrough) {
        AccountLocation location = lookUpMissing(scope, given, needsAccount, needsPullThrough);
        location.known = known(given);
        return location;
    }

    /**
     * A location to share between constructs: the values given (any may be null, or a token), the rest looked up
     * by data sources under a child construct {@code id} of {@code scope}. Literal values are checked now.
     */
    public static AccountLocation of(Construct scope, String id, String accountId, String region, Partition partition) {
        return resolve(new Construct(scope, id), new Given(accountId, region, partition), true, true);
    }

    private static AccountLocation lookUpMissing(Construct scope, Given given, boolean needsAccount,
            boolean needsPullThrough) {
        check(given, needsPullThrough);
        String accountId = blankToNull(given.accountId());
        String region = blankToNull(given.region());
        Partition partition = partitionOf(given);
        if (needsAccount && accountId == null) {
            accountId = DataAwsCallerIdentity.Builder.create(scope, "caller-identity").build().getAccountId();
        }
        if (region == null) {
            region = DataAwsRegion.Builder.create(scope, "region").build().getName();
        }
        if (partition != null) {
            return new AccountLocation(accountId, region, partition.id(), partition.dnsSuffix(),
                    partition == Partition.AWS_CN ? AWS_CN_REVERSE_DNS : AWS_REVERSE_DNS);
        }
        DataAwsPartition lookedUp = DataAwsPartition.Builder.create(scope, "partition").build();
        return new AccountLocation(accountId, region, lookedUp.getPartition(), lookedUp.getDnsSuffix(),
                lookedUp.getReverseDnsPrefix());
    }

    /**
     * Rejects literal values that cannot name a registry (and partitions without pull-through cache when needed),
     * before any construct is created. Tokens are not checked: they are only known at plan time.
     */
    static void check(Given given, boolean needsPullThrough) {
        String accountId = literalOrNull(given.accountId());
        String region = literalOrNull(given.region());
        if (needsPullThrough) {
            RegistryCoordinates.checkKnown(accountId, region, given.partition());
            return;
        }
        if (accountId != null) {
            RegistryCoordinates.checkAccountId(accountId);
        }
        if (region != null) {
            RegistryCoordinates.checkRegion(region);
            if (given.partition() != null) {
                RegistryCoordinates.checkRegionInPartition(region, given.partition());
            }
        }
    }

    /** The value when it is given as a literal; null when missing, blank or a token. */
    private static String literalOrNull(String value) {
        String v = blankToNull(value);
        return v != null && isLiteral(v) ? v : null;
    }

    /**
     * Rejects literal hub registry values that cannot name a registry, with the names the modules give these inputs
     * ({@code registry_account_id}, {@code registry_region}), so constructs, modules and CLI say the same.
     */
    static void checkRegistry(Given own, String registryAccountId, String registryRegion) {
        RegistryCoordinates.checkHubRegistry(literalOrNull(registryAccountId), literalOrNull(registryRegion),
                Partition.givenOrOfRegion(own.partition(), literalOrNull(own.region())));
    }

    /**
     * What was given, with a hub registry's account and region in place of the own ones where given: the hub's
     * values take precedence, and only what neither names is looked up.
     */
    static Given withRegistry(Given given, String registryAccountId, String registryRegion) {
        String accountId = blankToNull(registryAccountId);
        String region = blankToNull(registryRegion);
        return new Given(accountId != null ? accountId : given.accountId(), region != null ? region : given.region(),
                given.partition());
    }

    /**
     * This location with a hub registry's account and region in place of its own where given (a hub registry is
     * in the same partition: IAM does not cross partitions).
     */
    AccountLocation withRegistry(String registryAccountId, String registryRegion) {
        String accountId = blankToNull(registryAccountId);
        String region = blankToNull(registryRegion);
        if (accountId == null && region == null) {
            return this;
        }
        String literalPartition = literalOrNull(partition);
        RegistryCoordinates.checkHubRegistry(null, literalOrNull(region), Partition.givenOrOfRegion(
                literalPartition == null ? null : Partition.fromId(literalPartition), literalOrNull(this.region)));
        AccountLocation hub = new AccountLocation(accountId != null ? accountId : this.accountId,
                region != null ? region : this.region, partition, dnsSuffix, reverseDnsPrefix);
        hub.known = RegistryLocation.of(literalOrNull(accountId), literalOrNull(region));
        return hub;
    }

    /**
     * The literal account and region, and the partition given or that of the literal region, for the checks that need
     * them (a credential in the rule's account and region, an ECR upstream in its partition).
     */
    static RegistryLocation known(Given given) {
        return RegistryLocation.of(literalOrNull(given.accountId()), literalOrNull(given.region()), given.partition());
    }

    private static Partition partitionOf(Given given) {
        String region = blankToNull(given.region());
        if (given.partition() == null && region != null && isLiteral(region)) {
            return Partition.ofRegion(region);
        }
        return given.partition();
    }

    private static boolean isLiteral(String value) {
        return !Token.isUnresolved(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The account id (a token when looked up). */
    public String getAccountId() {
        return accountId;
    }

    /** The region (a token when looked up). */
    public String getRegion() {
        return region;
    }

    /** The partition (a token when looked up). */
    public String getPartition() {
        return partition;
    }

    /** The parts given as literals: what validation can compare credentials against. */
    RegistryLocation known() {
        return known;
    }

    ArnScope arnScope() {
        return new ArnScope(partition, region, accountId);
    }

    /** {@code <account>.dkr.ecr.<region>.<dns suffix>} (a token string when any part is looked up). */
    String registryHost() {
        return RegistryCoordinates.registryHost(accountId, region, dnsSuffix);
    }

    /** The VPC endpoint service name of an AWS service here, e.g. {@code com.amazonaws.us-east-1.ecr.dkr}. */
    String endpointServiceName(String service) {
        return reverseDnsPrefix + "." + region + "." + service;
    }
}
