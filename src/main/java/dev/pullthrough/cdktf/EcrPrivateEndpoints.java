package dev.pullthrough.cdktf;

import dev.pullthrough.cdktf.aws.DataAwsVpc;
import dev.pullthrough.cdktf.aws.SecurityGroup;
import dev.pullthrough.cdktf.aws.SecurityGroupRule;
import dev.pullthrough.cdktf.aws.VpcEndpoint;
import dev.pullthrough.model.Partition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * What runners in private subnets need to reach ECR without a NAT: interface endpoints for {@code ecr.api} (auth,
 * manifests) and {@code ecr.dkr} (the registry), and the S3 gateway endpoint, because ECR serves layers from S3.
 *
 * <p>Like the ecr-private-endpoints module, it creates a security group admitting HTTPS (443) to the interface
 * endpoints from the VPC's CIDR block (read with {@code aws_vpc}) or from the CIDR blocks given (then no lookup);
 * {@code createSecurityGroup(false)} leaves that to the groups passed with {@code securityGroupIds}. The region and
 * partition come from {@code cache(...)} or {@code location(...)}, so a stack states them once.
 *
 * <p>VPC, subnet, security group and route table ids are plain strings: literals, variables or ids of resources made
 * with any provider bindings.
 */
public class EcrPrivateEndpoints extends Construct {
    public static final String ECR_API = "ecr.api";
    public static final String ECR_DKR = "ecr.dkr";
    public static final String S3 = "s3";
    /** aws_vpc_endpoint's vpc_endpoint_type values. */
    private static final String INTERFACE = "Interface";
    private static final String GATEWAY = "Gateway";
    private static final int HTTPS = 443;
    /** IPv4 CIDR blocks, as the module's ingress_cidr_blocks validation takes them. */
    private static final java.util.regex.Pattern CIDR =
            java.util.regex.Pattern.compile("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}/([0-9]|[12][0-9]|3[0-2])");

    private final VpcEndpoint ecrApi;
    private final VpcEndpoint ecrDkr;
    private final VpcEndpoint s3;
    private final SecurityGroup securityGroup;

    protected EcrPrivateEndpoints(Builder b) {
        super(b.scope, b.checkedId());
        AccountLocation location = b.location != null ? b.location
                : AccountLocation.resolve(this, new AccountLocation.Given(null, b.region, b.partition), false, false);
        this.securityGroup = b.createSecurityGroup ? httpsSecurityGroup(b) : null;
        List<String> groups = new ArrayList<>();
        if (securityGroup != null) {
            groups.add(securityGroup.getId());
        }
        groups.addAll(b.securityGroupIds);
        this.ecrApi = interfaceEndpoint(b, location, "ecr-api", ECR_API, groups);
        this.ecrDkr = interfaceEndpoint(b, location, "ecr-dkr", ECR_DKR, groups);
        this.s3 = !b.s3Gateway ? null : VpcEndpoint.Builder.create(this, "s3")
                .vpcId(b.vpcId)
                .serviceName(location.endpointServiceName(S3))
                .vpcEndpointType(GATEWAY)
                .routeTableIds(b.routeTableIds)
                .tags(b.tags)
                .build();
    }

    /** The module's group: HTTPS from the VPC's CIDR block, or from the CIDR blocks given (no lookup then). */
    private SecurityGroup httpsSecurityGroup(Builder b) {
        List<String> cidrs = b.ingressCidrBlocks != null ? b.ingressCidrBlocks
                : List.of(DataAwsVpc.Builder.create(this, "vpc")
                        .filter(List.of(DataAwsVpc.Filter.builder().name("vpc-id").values(List.of(b.vpcId)).build()))
                        .build().getCidrBlock());
        SecurityGroup group = SecurityGroup.Builder.create(this, "security-group")
                .namePrefix(b.securityGroupNamePrefix)
                .description("HTTPS from the runners to the ECR interface endpoints")
                .vpcId(b.vpcId)
                .tags(b.tags)
                .build();
        SecurityGroupRule.Builder.create(this, "https")
                .securityGroupId(group.getId())
                .type("ingress")
                .description("HTTPS to the ECR interface endpoints")
                .protocol("tcp")
                .fromPort(HTTPS)
                .toPort(HTTPS)
                .cidrBlocks(cidrs)
                .build();
        return group;
    }

    private VpcEndpoint interfaceEndpoint(Builder b, AccountLocation location, String id, String service,
            List<String> groups) {
        return VpcEndpoint.Builder.create(this, id)
                .vpcId(b.vpcId)
                .serviceName(location.endpointServiceName(service))
                .vpcEndpointType(INTERFACE)
                .subnetIds(b.subnetIds)
                .securityGroupIds(groups)
                .privateDnsEnabled(b.privateDns)
                .tags(b.tags)
                .build();
    }

    public VpcEndpoint getEcrApiEndpoint() {
        return ecrApi;
    }

    public VpcEndpoint getEcrDkrEndpoint() {
        return ecrDkr;
    }

    /** The S3 gateway endpoint, or null when turned off. */
    public VpcEndpoint getS3Endpoint() {
        return s3;
    }

    /** The security group admitting HTTPS to the interface endpoints, or null when turned off. */
    public SecurityGroup getSecurityGroup() {
        return securityGroup;
    }

    /** Endpoint ids by service ({@code ecr.api}, {@code ecr.dkr}, {@code s3}). */
    public Map<String, String> getEndpointIds() {
        Map<String, String> ids = new TreeMap<>();
        ids.put(ECR_API, ecrApi.getId());
        ids.put(ECR_DKR, ecrDkr.getId());
        if (s3 != null) {
            ids.put(S3, s3.getId());
        }
        return Collections.unmodifiableMap(ids);
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private String vpcId;
        private List<String> subnetIds = List.of();
        private List<String> securityGroupIds = List.of();
        private List<String> routeTableIds = List.of();
        private String region;
        private Partition partition;
        private boolean privateDns = true;
        private boolean s3Gateway = true;
        private Map<String, String> tags = Map.of();
        private AccountLocation location;
        private boolean createSecurityGroup = true;
        private List<String> ingressCidrBlocks;
        private String securityGroupNamePrefix = "ecr-endpoints-";

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Required. */
        public Builder vpcId(String value) {
            this.vpcId = value;
            return this;
        }

        /** Required. The runners' subnets, where the interface endpoints get their network interfaces. */
        public Builder subnetIds(List<String> value) {
            this.subnetIds = List.copyOf(value);
            return this;
        }

        /** Groups for the interface endpoints; they must allow HTTPS (443) from the runners. */
        public Builder securityGroupIds(List<String> value) {
            this.securityGroupIds = List.copyOf(value);
            return this;
        }

        /** Route tables of the runners' subnets, which get the S3 gateway route. */
        public Builder routeTableIds(List<String> value) {
            this.routeTableIds = List.copyOf(value);
            return this;
        }

        /** Region and partition of the cache's registry (no lookups when the cache was given them). */
        public Builder cache(EcrPullThroughCache value) {
            return location(Objects.requireNonNull(value, "cache").getLocation());
        }

        /** A location shared with other constructs ({@link AccountLocation#of}). */
        public Builder location(AccountLocation value) {
            this.location = Objects.requireNonNull(value, "location");
            return this;
        }

        /** Whether to create the security group admitting HTTPS to the interface endpoints (default true). */
        public Builder createSecurityGroup(boolean value) {
            this.createSecurityGroup = value;
            return this;
        }

        /** CIDR blocks admitted on 443 (default: the VPC's primary CIDR block, read with aws_vpc). */
        public Builder ingressCidrBlocks(List<String> value) {
            this.ingressCidrBlocks = List.copyOf(value);
            return this;
        }

        /** Name prefix of the security group (default {@code ecr-endpoints-}). */
        public Builder securityGroupNamePrefix(String value) {
            this.securityGroupNamePrefix = Objects.requireNonNull(value, "securityGroupNamePrefix");
            return this;
        }

        /** Looked up with aws_region when not given. */
        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder partition(Partition value) {
            this.partition = value;
            return this;
        }

        /** Private DNS on the interface endpoints (default true: the public ECR names resolve to them). */
        public Builder privateDnsEnabled(boolean value) {
            this.privateDns = value;
            return this;
        }

        /** Whether to create the S3 gateway endpoint (default true; turn off when the VPC already has one). */
        public Builder s3Gateway(boolean value) {
            this.s3Gateway = value;
            return this;
        }

        public Builder tags(Map<String, String> value) {
            this.tags = Collections.unmodifiableMap(new TreeMap<>(value));
            return this;
        }

        private String checkedId() {
            if (vpcId == null || vpcId.isBlank()) {
                throw new IllegalArgumentException("EcrPrivateEndpoints \"" + id + "\": vpcId is required");
            }
            if (subnetIds.isEmpty()) {
                throw new IllegalArgumentException("EcrPrivateEndpoints \"" + id
                        + "\": subnetIds are required (the interface endpoints live in the runners' subnets)");
            }
            if (location != null && (region != null || partition != null)) {
                throw new IllegalArgumentException("EcrPrivateEndpoints \"" + id
                        + "\": give the location once: cache(...)/location(...) or region/partition, not both");
            }
            // A list token (a variable's getListValue()) is one encoded element that is no string token: the
            // whole list is only known at plan time, so only literal lists are checked here.
            if (ingressCidrBlocks != null && !com.hashicorp.cdktf.Token.isUnresolved(ingressCidrBlocks)) {
                for (String cidr : ingressCidrBlocks) {
                    if (cidr == null || !(com.hashicorp.cdktf.Token.isUnresolved(cidr) || CIDR.matcher(cidr).matches())) {
                        throw new IllegalArgumentException(
                                "ingress_cidr_blocks: every entry must be an IPv4 CIDR block such as 10.0.0.0/16.");
                    }
                }
            }
            return id;
        }

        public EcrPrivateEndpoints build() {
            return new EcrPrivateEndpoints(this);
        }
    }
}
