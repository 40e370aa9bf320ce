// Generated from the hashicorp/aws 5.100.0 provider schema (src/codegen) by BindingsGenerator.
// Do not edit: change src/codegen/aws-bindings.list and run bin/generate-bindings.
package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.IResolvable;
import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/** Binding for the data source {@code aws_vpc} (hashicorp/aws 5.100.0). */
public final class DataAwsVpc extends TerraformDataSource {
    public static final String TF_RESOURCE_TYPE = "aws_vpc";

    private final String cidrBlock;
    private final Object defaultValue;
    private final String dhcpOptionsId;
    private final List<Filter> filter;
    private final String state;
    private final Map<String, String> tags;
    private final Timeouts timeouts;

    private DataAwsVpc(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.cidrBlock = b.cidrBlock;
        this.defaultValue = b.defaultValue;
        this.dhcpOptionsId = b.dhcpOptionsId;
        this.filter = b.filter;
        this.state = b.state;
        this.tags = b.tags;
        this.timeouts = b.timeouts;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("cidr_block", cidrBlock)
                .put("default", defaultValue)
                .put("dhcp_options_id", dhcpOptionsId)
                .put("filter", filter)
                .put("state", state)
                .put("tags", tags)
                .put("timeouts", timeouts)
                .toMap();
    }

    /** The value given to the builder, or null. */
    public String getCidrBlockInput() {
        return cidrBlock;
    }

    /** The value given to the builder, or null. */
    public Object getDefaultInput() {
        return defaultValue;
    }

    /** The value given to the builder, or null. */
    public String getDhcpOptionsIdInput() {
        return dhcpOptionsId;
    }

    /** The value given to the builder, or null. */
    public List<Filter> getFilterInput() {
        return filter;
    }

    /** The value given to the builder, or null. */
    public String getStateInput() {
        return state;
    }

    /** The value given to the builder, or null. */
    public Map<String, String> getTagsInput() {
        return tags;
    }

    /** The value given to the builder, or null. */
    public Timeouts getTimeoutsInput() {
        return timeouts;
    }

    /** A token for the {@code arn} the plan or state has. */
    public String getArn() {
        return getStringAttribute("arn");
    }

    /** A token for the {@code cidr_block} the plan or state has. */
    public String getCidrBlock() {
        return getStringAttribute("cidr_block");
    }

    /** A token for the {@code cidr_block_associations} the plan or state has. */
    public IResolvable getCidrBlockAssociations() {
        return interpolationForAttribute("cidr_block_associations");
    }

    /** A token for the {@code default} the plan or state has. */
    public IResolvable getDefault() {
        return getBooleanAttribute("default");
    }

    /** A token for the {@code dhcp_options_id} the plan or state has. */
    public String getDhcpOptionsId() {
        return getStringAttribute("dhcp_options_id");
    }

    /** A token for the {@code enable_dns_hostnames} the plan or state has. */
    public IResolvable getEnableDnsHostnames() {
        return getBooleanAttribute("enable_dns_hostnames");
    }

    /** A token for the {@code enable_dns_support} the plan or state has. */
    public IResolvable getEnableDnsSupport() {
        return getBooleanAttribute("enable_dns_support");
    }

    /** A token for the {@code enable_network_address_usage_metrics} the plan or state has. */
    public IResolvable getEnableNetworkAddressUsageMetrics() {
        return getBooleanAttribute("enable_network_address_usage_metrics");
    }

    /** A token for the {@code filter} the plan or state has. */
    public IResolvable getFilter() {
        return interpolationForAttribute("filter");
    }

    /** A token for the {@code id} the plan or state has. */
    public String getId() {
        return getStringAttribute("id");
    }

    /** A token for the {@code instance_tenancy} the plan or state has. */
    public String getInstanceTenancy() {
        return getStringAttribute("instance_tenancy");
    }

    /** A token for the {@code ipv6_association_id} the plan or state has. */
    public String getIpv6AssociationId() {
        return getStringAttribute("ipv6_association_id");
    }

    /** A token for the {@code ipv6_cidr_block} the plan or state has. */
    public String getIpv6CidrBlock() {
        return getStringAttribute("ipv6_cidr_block");
    }

    /** A token for the {@code main_route_table_id} the plan or state has. */
    public String getMainRouteTableId() {
        return getStringAttribute("main_route_table_id");
    }

    /** A token for the {@code owner_id} the plan or state has. */
    public String getOwnerId() {
        return getStringAttribute("owner_id");
    }

    /** A token for the {@code state} the plan or state has. */
    public String getState() {
        return getStringAttribute("state");
    }

    /** A token for the {@code tags} the plan or state has. */
    public Map<String, String> getTags() {
        return getStringMapAttribute("tags");
    }

    /** A token for the {@code timeouts} the plan or state has. */
    public IResolvable getTimeouts() {
        return interpolationForAttribute("timeouts");
    }

    /** Block {@code filter} of {@code aws_vpc}. */
    public record Filter(String name, List<String> values) implements TerraformBlock {
        /** Checks required arguments and copies collections, so a record built directly is as safe. */
        public Filter {
            Required.check("aws_vpc block filter", "name", name);
            Required.check("aws_vpc block filter", "values", values);
            values = values == null ? null : List.copyOf(values);
        }

        public static Builder builder() {
            return new Builder();
        }

        @Override
        public Map<String, Object> toTerraform() {
            return Attributes.create()
                    .put("name", name)
                    .put("values", values)
                    .toMap();
        }

        public static final class Builder {
            private String name;
            private List<String> values;

            /** Required. */
            public Builder name(String value) {
                this.name = value;
                return this;
            }

            /** Required. */
            public Builder values(List<String> value) {
                this.values = value == null ? null : List.copyOf(value);
                return this;
            }

            public Filter build() {
                return new Filter(name, values);
            }
        }
    }

    /** Block {@code timeouts} of {@code aws_vpc}. */
    public record Timeouts(String read) implements TerraformBlock {
        public static Builder builder() {
            return new Builder();
        }

        @Override
        public Map<String, Object> toTerraform() {
            return Attributes.create()
                    .put("read", read)
                    .toMap();
        }

        public static final class Builder {
            private String read;

            public Builder read(String value) {
                this.read = value;
                return this;
            }

            public Timeouts build() {
                return new Timeouts(read);
            }
        }
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String cidrBlock;
        private Object defaultValue;
        private String dhcpOptionsId;
        private List<Filter> filter;
        private String state;
        private Map<String, String> tags;
        private Timeouts timeouts;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        public Builder cidrBlock(String value) {
            this.cidrBlock = value;
            return this;
        }

        public Builder defaultValue(Boolean value) {
            this.defaultValue = value;
            return this;
        }

        public Builder defaultValue(IResolvable value) {
            this.defaultValue = value;
            return this;
        }

        public Builder dhcpOptionsId(String value) {
            this.dhcpOptionsId = value;
            return this;
        }

        public Builder filter(List<Filter> value) {
            this.filter = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder state(String value) {
            this.state = value;
            return this;
        }

        public Builder tags(Map<String, String> value) {
            this.tags = Attributes.sorted(value);
            return this;
        }

        public Builder timeouts(Timeouts value) {
            this.timeouts = value;
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

        public DataAwsVpc build() {
            return new DataAwsVpc(this);
        }
    }
}
