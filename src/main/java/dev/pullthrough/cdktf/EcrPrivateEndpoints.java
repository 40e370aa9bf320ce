package dev.pullthrough.cdktf;

import dev.pullthrough.cdktf.aws.VpcEndpoint;
import dev.pullthrough.model.Partition;
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

    private final VpcEndpoint ecrApi;
    private final VpcEndpoint ecrDkr;
    private final VpcEndpoint s3;

    protected EcrPrivateEndpoints(Builder b) {
        super(b.scope, b.checkedId());
        AccountLocation location = AccountLocation.resolve(this,
                new AccountLocation.Given(null, b.region, b.partition), false, false);
        this.ecrApi = interfaceEndpoint(b, location, "ecr-api", ECR_API);
        this.ecrDkr = interfaceEndpoint(b, location, "ecr-dkr", ECR_DKR);
        this.s3 = !b.s3Gateway ? null : VpcEndpoint.Builder.create(this, "s3")
                .vpcId(b.vpcId)
                .serviceName(location.endpointServiceName(S3))
                .vpcEndpointType(GATEWAY)
                .routeTableIds(b.routeTableIds)
                .tags(b.tags)
                .build();
    }

    private VpcEndpoint interfaceEndpoint(Builder b, AccountLocation location, String id, String service) {
        return VpcEndpoint.Builder.create(this, id)
                .vpcId(b.vpcId)
                .serviceName(location.endpointServiceName(service))
                .vpcEndpointType(INTERFACE)
                .subnetIds(b.subnetIds)
                .securityGroupIds(b.securityGroupIds)
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
            return id;
        }

        public EcrPrivateEndpoints build() {
            return new EcrPrivateEndpoints(this);
        }
    }
}
