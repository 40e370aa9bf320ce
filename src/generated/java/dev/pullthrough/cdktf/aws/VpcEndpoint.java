// Generated from the hashicorp/aws 5.100.0 provider schema (src/codegen) by BindingsGenerator.
// Do not edit: change src/codegen/aws-bindings.list and run bin/generate-bindings.
package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.IResolvable;
import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/** Binding for the resource {@code aws_vpc_endpoint} (hashicorp/aws 5.100.0). */
public final class VpcEndpoint extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_vpc_endpoint";

    private final Object autoAccept;
    private final DnsOptions dnsOptions;
    private final String ipAddressType;
    private final String policy;
    private final Object privateDnsEnabled;
    private final String resourceConfigurationArn;
    private final List<String> routeTableIds;
    private final List<String> securityGroupIds;
    private final String serviceName;
    private final String serviceNetworkArn;
    private final String serviceRegion;
    private final List<SubnetConfiguration> subnetConfiguration;
    private final List<String> subnetIds;
    private final Map<String, String> tags;
    private final Map<String, String> tagsAll;
    private final Timeouts timeouts;
    private final String vpcEndpointType;
    private final String vpcId;

    private VpcEndpoint(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.autoAccept = b.autoAccept;
        this.dnsOptions = b.dnsOptions;
        this.ipAddressType = b.ipAddressType;
        this.policy = b.policy;
        this.privateDnsEnabled = b.privateDnsEnabled;
        this.resourceConfigurationArn = b.resourceConfigurationArn;
        this.routeTableIds = b.routeTableIds;
        this.securityGroupIds = b.securityGroupIds;
        this.serviceName = b.serviceName;
        this.serviceNetworkArn = b.serviceNetworkArn;
        this.serviceRegion = b.serviceRegion;
        this.subnetConfiguration = b.subnetConfiguration;
        this.subnetIds = b.subnetIds;
        this.tags = b.tags;
        this.tagsAll = b.tagsAll;
        this.timeouts = b.timeouts;
        this.vpcEndpointType = b.vpcEndpointType;
        this.vpcId = b.vpcId;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("auto_accept", autoAccept)
                .put("dns_options", dnsOptions == null ? null : List.of(dnsOptions))
                .put("ip_address_type", ipAddressType)
                .put("policy", policy)
                .put("private_dns_enabled", privateDnsEnabled)
                .put("resource_configuration_arn", resourceConfigurationArn)
                .put("route_table_ids", routeTableIds)
                .put("security_group_ids", securityGroupIds)
                .put("service_name", serviceName)
                .put("service_network_arn", serviceNetworkArn)
                .put("service_region", serviceRegion)
                .put("subnet_configuration", subnetConfiguration)
                .put("subnet_ids", subnetIds)
                .put("tags", tags)
                .put("tags_all", tagsAll)
                .put("timeouts", timeouts)
                .put("vpc_endpoint_type", vpcEndpointType)
                .put("vpc_id", vpcId)
                .toMap();
    }

    /** The value given to the builder, or null. */
    public Object getAutoAcceptInput() {
        return autoAccept;
    }

    /** The value given to the builder, or null. */
    public DnsOptions getDnsOptionsInput() {
        return dnsOptions;
    }

    /** The value given to the builder, or null. */
    public String getIpAddressTypeInput() {
        return ipAddressType;
    }

    /** The value given to the builder, or null. */
    public String getPolicyInput() {
        return policy;
    }

    /** The value given to the builder, or null. */
    public Object getPrivateDnsEnabledInput() {
        return privateDnsEnabled;
    }

    /** The value given to the builder, or null. */
    public String getResourceConfigurationArnInput() {
        return resourceConfigurationArn;
    }

    /** The value given to the builder, or null. */
    public List<String> getRouteTableIdsInput() {
        return routeTableIds;
    }

    /** The value given to the builder, or null. */
    public List<String> getSecurityGroupIdsInput() {
        return securityGroupIds;
    }

    /** The value given to the builder, or null. */
    public String getServiceNameInput() {
        return serviceName;
    }

    /** The value given to the builder, or null. */
    public String getServiceNetworkArnInput() {
        return serviceNetworkArn;
    }

    /** The value given to the builder, or null. */
    public String getServiceRegionInput() {
        return serviceRegion;
    }

    /** The value given to the builder, or null. */
    public List<SubnetConfiguration> getSubnetConfigurationInput() {
        return subnetConfiguration;
    }

    /** The value given to the builder, or null. */
    public List<String> getSubnetIdsInput() {
        return subnetIds;
    }

    /** The value given to the builder, or null. */
    public Map<String, String> getTagsInput() {
        return tags;
    }

    /** The value given to the builder, or null. */
    public Map<String, String> getTagsAllInput() {
        return tagsAll;
    }

    /** The value given to the builder, or null. */
    public Timeouts getTimeoutsInput() {
        return timeouts;
    }

    /** The value given to the builder, or null. */
    public String getVpcEndpointTypeInput() {
        return vpcEndpointType;
    }

    /** The value given to the builder, or null. */
    public String getVpcIdInput() {
        return vpcId;
    }

    /** A token for the {@code arn} the plan or state has. */
    public String getArn() {
        return getStringAttribute("arn");
    }

    /** A token for the {@code auto_accept} the plan or state has. */
    public IResolvable getAutoAccept() {
        return getBooleanAttribute("auto_accept");
    }

    /** A token for the {@code cidr_blocks} the plan or state has. */
    public List<String> getCidrBlocks() {
        return getListAttribute("cidr_blocks");
    }

    /** A token for the {@code dns_entry} the plan or state has. */
    public IResolvable getDnsEntry() {
        return interpolationForAttribute("dns_entry");
    }

    /** A token for the {@code dns_options} the plan or state has. */
    public IResolvable getDnsOptions() {
        return interpolationForAttribute("dns_options");
    }

    /** A token for the {@code id} the plan or state has. */
    public String getId() {
        return getStringAttribute("id");
    }

    /** A token for the {@code ip_address_type} the plan or state has. */
    public String getIpAddressType() {
        return getStringAttribute("ip_address_type");
    }

    /** A token for the {@code network_interface_ids} the plan or state has. */
    public List<String> getNetworkInterfaceIds() {
        return getListAttribute("network_interface_ids");
    }

    /** A token for the {@code owner_id} the plan or state has. */
    public String getOwnerId() {
        return getStringAttribute("owner_id");
    }

    /** A token for the {@code policy} the plan or state has. */
    public String getPolicy() {
        return getStringAttribute("policy");
    }

    /** A token for the {@code prefix_list_id} the plan or state has. */
    public String getPrefixListId() {
        return getStringAttribute("prefix_list_id");
    }

    /** A token for the {@code private_dns_enabled} the plan or state has. */
    public IResolvable getPrivateDnsEnabled() {
        return getBooleanAttribute("private_dns_enabled");
    }

    /** A token for the {@code requester_managed} the plan or state has. */
    public IResolvable getRequesterManaged() {
        return getBooleanAttribute("requester_managed");
    }

    /** A token for the {@code resource_configuration_arn} the plan or state has. */
    public String getResourceConfigurationArn() {
        return getStringAttribute("resource_configuration_arn");
    }

    /** A token for the {@code route_table_ids} the plan or state has. */
    public List<String> getRouteTableIds() {
        return getListAttribute("route_table_ids");
    }

    /** A token for the {@code security_group_ids} the plan or state has. */
    public List<String> getSecurityGroupIds() {
        return getListAttribute("security_group_ids");
    }

    /** A token for the {@code service_name} the plan or state has. */
    public String getServiceName() {
        return getStringAttribute("service_name");
    }

    /** A token for the {@code service_network_arn} the plan or state has. */
    public String getServiceNetworkArn() {
        return getStringAttribute("service_network_arn");
    }

    /** A token for the {@code service_region} the plan or state has. */
    public String getServiceRegion() {
        return getStringAttribute("service_region");
    }

    /** A token for the {@code state} the plan or state has. */
    public String getState() {
        return getStringAttribute("state");
    }

    /** A token for the {@code subnet_configuration} the plan or state has. */
    public IResolvable getSubnetConfiguration() {
        return interpolationForAttribute("subnet_configuration");
    }

    /** A token for the {@code subnet_ids} the plan or state has. */
    public List<String> getSubnetIds() {
        return getListAttribute("subnet_ids");
    }

    /** A token for the {@code tags} the plan or state has. */
    public Map<String, String> getTags() {
        return getStringMapAttribute("tags");
    }

    /** A token for the {@code tags_all} the plan or state has. */
    public Map<String, String> getTagsAll() {
        return getStringMapAttribute("tags_all");
    }

    /** A token for the {@code timeouts} the plan or state has. */
    public IResolvable getTimeouts() {
        return interpolationForAttribute("timeouts");
    }

    /** A token for the {@code vpc_endpoint_type} the plan or state has. */
    public String getVpcEndpointType() {
        return getStringAttribute("vpc_endpoint_type");
    }

    /** A token for the {@code vpc_id} the plan or state has. */
    public String getVpcId() {
        return getStringAttribute("vpc_id");
    }

    /** Block {@code dns_options} of {@code aws_vpc_endpoint}. */
    public record DnsOptions(
            String dnsRecordIpType,
            Object privateDnsOnlyForInboundResolverEndpoint) implements TerraformBlock {
        public static Builder builder() {
            return new Builder();
        }

        @Override
        public Map<String, Object> toTerraform() {
            return Attributes.create()
                    .put("dns_record_ip_type", dnsRecordIpType)
                    .put("private_dns_only_for_inbound_resolver_endpoint", privateDnsOnlyForInboundResolverEndpoint)
                    .toMap();
        }

        public static final class Builder {
            private String dnsRecordIpType;
            private Object privateDnsOnlyForInboundResolverEndpoint;

            public Builder dnsRecordIpType(String value) {
                this.dnsRecordIpType = value;
                return this;
            }

            public Builder privateDnsOnlyForInboundResolverEndpoint(Boolean value) {
                this.privateDnsOnlyForInboundResolverEndpoint = value;
                return this;
            }

            public Builder privateDnsOnlyForInboundResolverEndpoint(IResolvable value) {
                this.privateDnsOnlyForInboundResolverEndpoint = value;
                return this;
            }

            public DnsOptions build() {
                return new DnsOptions(dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint);
            }
        }
    }

    /** Block {@code subnet_configuration} of {@code aws_vpc_endpoint}. */
    public record SubnetConfiguration(String ipv4, String ipv6, String subnetId) implements TerraformBlock {
        public static Builder builder() {
            return new Builder();
        }

        @Override
        public Map<String, Object> toTerraform() {
            return Attributes.create()
                    .put("ipv4", ipv4)
                    .put("ipv6", ipv6)
                    .put("subnet_id", subnetId)
                    .toMap();
        }

        public static final class Builder {
            private String ipv4;
            private String ipv6;
            private String subnetId;

            public Builder ipv4(String value) {
                this.ipv4 = value;
                return this;
            }

            public Builder ipv6(String value) {
                this.ipv6 = value;
                return this;
            }

            public Builder subnetId(String value) {
                this.subnetId = value;
                return this;
            }

            public SubnetConfiguration build() {
                return new SubnetConfiguration(ipv4, ipv6, subnetId);
            }
        }
    }

    /** Block {@code timeouts} of {@code aws_vpc_endpoint}. */
    public record Timeouts(String create, String delete, String update) implements TerraformBlock {
        public static Builder builder() {
            return new Builder();
        }

        @Override
        public Map<String, Object> toTerraform() {
            return Attributes.create()
                    .put("create", create)
                    .put("delete", delete)
                    .put("update", update)
                    .toMap();
        }

        public static final class Builder {
            private String create;
            private String delete;
            private String update;

            public Builder create(String value) {
                this.create = value;
                return this;
            }

            public Builder delete(String value) {
                this.delete = value;
                return this;
            }

            public Builder update(String value) {
                this.update = value;
                return this;
            }

            public Timeouts build() {
                return new Timeouts(create, delete, update);
            }
        }
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private Object autoAccept;
        private DnsOptions dnsOptions;
        private String ipAddressType;
        private String policy;
        private Object privateDnsEnabled;
        private String resourceConfigurationArn;
        private List<String> routeTableIds;
        private List<String> securityGroupIds;
        private String serviceName;
        private String serviceNetworkArn;
        private String serviceRegion;
        private List<SubnetConfiguration> subnetConfiguration;
        private List<String> subnetIds;
        private Map<String, String> tags;
        private Map<String, String> tagsAll;
        private Timeouts timeouts;
        private String vpcEndpointType;
        private String vpcId;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        public Builder autoAccept(Boolean value) {
            this.autoAccept = value;
            return this;
        }

        public Builder autoAccept(IResolvable value) {
            this.autoAccept = value;
            return this;
        }

        public Builder dnsOptions(DnsOptions value) {
            this.dnsOptions = value;
            return this;
        }

        public Builder ipAddressType(String value) {
            this.ipAddressType = value;
            return this;
        }

        public Builder policy(String value) {
            this.policy = value;
            return this;
        }

        public Builder privateDnsEnabled(Boolean value) {
            this.privateDnsEnabled = value;
            return this;
        }

        public Builder privateDnsEnabled(IResolvable value) {
            this.privateDnsEnabled = value;
            return this;
        }

        public Builder resourceConfigurationArn(String value) {
            this.resourceConfigurationArn = value;
            return this;
        }

        public Builder routeTableIds(List<String> value) {
            this.routeTableIds = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder securityGroupIds(List<String> value) {
            this.securityGroupIds = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder serviceName(String value) {
            this.serviceName = value;
            return this;
        }

        public Builder serviceNetworkArn(String value) {
            this.serviceNetworkArn = value;
            return this;
        }

        public Builder serviceRegion(String value) {
            this.serviceRegion = value;
            return this;
        }

        public Builder subnetConfiguration(List<SubnetConfiguration> value) {
            this.subnetConfiguration = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder subnetIds(List<String> value) {
            this.subnetIds = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder tags(Map<String, String> value) {
            this.tags = Attributes.sorted(value);
            return this;
        }

        public Builder tagsAll(Map<String, String> value) {
            this.tagsAll = Attributes.sorted(value);
            return this;
        }

        public Builder timeouts(Timeouts value) {
            this.timeouts = value;
            return this;
        }

        public Builder vpcEndpointType(String value) {
            this.vpcEndpointType = value;
            return this;
        }

        /** Required. */
        public Builder vpcId(String value) {
            this.vpcId = value;
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
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "vpc_id", vpcId);
            return new VpcEndpoint(this);
        }
    }
}
