package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/** Binding for {@code aws_vpc_endpoint} (interface and gateway endpoints). VPC, subnet and group ids are strings. */
public final class VpcEndpoint extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_vpc_endpoint";
    public static final String TYPE_INTERFACE = "Interface";
    public static final String TYPE_GATEWAY = "Gateway";

    private final String vpcId;
    private final String serviceName;
    private final String vpcEndpointType;
    private final List<String> subnetIds;
    private final List<String> securityGroupIds;
    private final List<String> routeTableIds;
    private final Boolean privateDnsEnabled;
    private final String policy;
    private final Map<String, String> tags;

    private VpcEndpoint(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.vpcId = b.vpcId;
        this.serviceName = b.serviceName;
        this.vpcEndpointType = b.vpcEndpointType;
        this.subnetIds = b.subnetIds;
        this.securityGroupIds = b.securityGroupIds;
        this.routeTableIds = b.routeTableIds;
        this.privateDnsEnabled = b.privateDnsEnabled;
        this.policy = b.policy;
        this.tags = b.tags;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("vpc_id", vpcId)
                .put("service_name", serviceName)
                .put("vpc_endpoint_type", vpcEndpointType)
                .put("subnet_ids", subnetIds)
                .put("security_group_ids", securityGroupIds)
                .put("route_table_ids", routeTableIds)
                .put("private_dns_enabled", privateDnsEnabled)
                .put("policy", policy)
                .put("tags", tags)
                .toMap();
    }

    public String getServiceNameInput() {
        return serviceName;
    }

    public String getId() {
        return getStringAttribute("id");
    }

    public String getArn() {
        return getStringAttribute("arn");
    }

    /** The prefix list of a gateway endpoint (for security group egress rules). */
    public String getPrefixListId() {
        return getStringAttribute("prefix_list_id");
    }

    public String getState() {
        return getStringAttribute("state");
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String vpcId;
        private String serviceName;
        private String vpcEndpointType;
        private List<String> subnetIds = List.of();
        private List<String> securityGroupIds = List.of();
        private List<String> routeTableIds = List.of();
        private Boolean privateDnsEnabled;
        private String policy;
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

        /** e.g. {@code com.amazonaws.us-east-1.ecr.dkr}. */
        public Builder serviceName(String value) {
            this.serviceName = value;
            return this;
        }

        /** {@link #TYPE_INTERFACE} or {@link #TYPE_GATEWAY}. */
        public Builder vpcEndpointType(String value) {
            this.vpcEndpointType = value;
            return this;
        }

        public Builder subnetIds(List<String> value) {
            this.subnetIds = List.copyOf(value);
            return this;
        }

        public Builder securityGroupIds(List<String> value) {
            this.securityGroupIds = List.copyOf(value);
            return this;
        }

        public Builder routeTableIds(List<String> value) {
            this.routeTableIds = List.copyOf(value);
            return this;
        }

        public Builder privateDnsEnabled(boolean value) {
            this.privateDnsEnabled = value;
            return this;
        }

        public Builder policy(String value) {
            this.policy = value;
            return this;
        }

        public Builder tags(Map<String, String> value) {
            this.tags = Attributes.sorted(value);
            return this;
        }

        public Builder provider(TerraformProvider value) {
            meta.provider(value);
            return this;
        }

        public Builder dependsOn(List<? extends ITerraformDependable> value) {
            meta.dependsOn(value);
            return this;
        }

        public VpcEndpoint build() {
            Required.check(TF_RESOURCE_TYPE, id, "vpc_id", vpcId);
            Required.check(TF_RESOURCE_TYPE, id, "service_name", serviceName);
            return new VpcEndpoint(this);
        }
    }
}
