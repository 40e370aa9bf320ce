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

/** Binding for the resource {@code aws_security_group_rule} (hashicorp/aws 5.100.0). */
public final class SecurityGroupRule extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_security_group_rule";

    private final List<String> cidrBlocks;
    private final String description;
    private final Number fromPort;
    private final List<String> ipv6CidrBlocks;
    private final List<String> prefixListIds;
    private final String protocol;
    private final String securityGroupId;
    private final Object self;
    private final String sourceSecurityGroupId;
    private final Timeouts timeouts;
    private final Number toPort;
    private final String type;

    private SecurityGroupRule(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.cidrBlocks = b.cidrBlocks;
        this.description = b.description;
        this.fromPort = b.fromPort;
        this.ipv6CidrBlocks = b.ipv6CidrBlocks;
        this.prefixListIds = b.prefixListIds;
        this.protocol = b.protocol;
        this.securityGroupId = b.securityGroupId;
        this.self = b.self;
        this.sourceSecurityGroupId = b.sourceSecurityGroupId;
        this.timeouts = b.timeouts;
        this.toPort = b.toPort;
        this.type = b.type;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("cidr_blocks", cidrBlocks)
                .put("description", description)
                .put("from_port", fromPort)
                .put("ipv6_cidr_blocks", ipv6CidrBlocks)
                .put("prefix_list_ids", prefixListIds)
                .put("protocol", protocol)
                .put("security_group_id", securityGroupId)
                .put("self", self)
                .put("source_security_group_id", sourceSecurityGroupId)
                .put("timeouts", timeouts)
                .put("to_port", toPort)
                .put("type", type)
                .toMap();
    }

    /** The value given to the builder, or null. */
    public List<String> getCidrBlocksInput() {
        return cidrBlocks;
    }

    /** The value given to the builder, or null. */
    public String getDescriptionInput() {
        return description;
    }

    /** The value given to the builder, or null. */
    public Number getFromPortInput() {
        return fromPort;
    }

    /** The value given to the builder, or null. */
    public List<String> getIpv6CidrBlocksInput() {
        return ipv6CidrBlocks;
    }

    /** The value given to the builder, or null. */
    public List<String> getPrefixListIdsInput() {
        return prefixListIds;
    }

    /** The value given to the builder, or null. */
    public String getProtocolInput() {
        return protocol;
    }

    /** The value given to the builder, or null. */
    public String getSecurityGroupIdInput() {
        return securityGroupId;
    }

    /** The value given to the builder, or null. */
    public Object getSelfInput() {
        return self;
    }

    /** The value given to the builder, or null. */
    public String getSourceSecurityGroupIdInput() {
        return sourceSecurityGroupId;
    }

    /** The value given to the builder, or null. */
    public Timeouts getTimeoutsInput() {
        return timeouts;
    }

    /** The value given to the builder, or null. */
    public Number getToPortInput() {
        return toPort;
    }

    /** The value given to the builder, or null. */
    public String getTypeInput() {
        return type;
    }

    /** A token for the {@code cidr_blocks} the plan or state has. */
    public List<String> getCidrBlocks() {
        return getListAttribute("cidr_blocks");
    }

    /** A token for the {@code description} the plan or state has. */
    public String getDescription() {
        return getStringAttribute("description");
    }

    /** A token for the {@code from_port} the plan or state has. */
    public Number getFromPort() {
        return getNumberAttribute("from_port");
    }

    /** A token for the {@code id} the plan or state has. */
    public String getId() {
        return getStringAttribute("id");
    }

    /** A token for the {@code ipv6_cidr_blocks} the plan or state has. */
    public List<String> getIpv6CidrBlocks() {
        return getListAttribute("ipv6_cidr_blocks");
    }

    /** A token for the {@code prefix_list_ids} the plan or state has. */
    public List<String> getPrefixListIds() {
        return getListAttribute("prefix_list_ids");
    }

    /** A token for the {@code protocol} the plan or state has. */
    public String getProtocol() {
        return getStringAttribute("protocol");
    }

    /** A token for the {@code security_group_id} the plan or state has. */
    public String getSecurityGroupId() {
        return getStringAttribute("security_group_id");
    }

    /** A token for the {@code security_group_rule_id} the plan or state has. */
    public String getSecurityGroupRuleId() {
        return getStringAttribute("security_group_rule_id");
    }

    /** A token for the {@code self} the plan or state has. */
    public IResolvable getSelf() {
        return getBooleanAttribute("self");
    }

    /** A token for the {@code source_security_group_id} the plan or state has. */
    public String getSourceSecurityGroupId() {
        return getStringAttribute("source_security_group_id");
    }

    /** A token for the {@code timeouts} the plan or state has. */
    public IResolvable getTimeouts() {
        return interpolationForAttribute("timeouts");
    }

    /** A token for the {@code to_port} the plan or state has. */
    public Number getToPort() {
        return getNumberAttribute("to_port");
    }

    /** A token for the {@code type} the plan or state has. */
    public String getType() {
        return getStringAttribute("type");
    }

    /** Block {@code timeouts} of {@code aws_security_group_rule}. */
    public record Timeouts(String create) implements TerraformBlock {
        public static Builder builder() {
            return new Builder();
        }

        @Override
        public Map<String, Object> toTerraform() {
            return Attributes.create()
                    .put("create", create)
                    .toMap();
        }

        public static final class Builder {
            private String create;

            public Builder create(String value) {
                this.create = value;
                return this;
            }

            public Timeouts build() {
                return new Timeouts(create);
            }
        }
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private List<String> cidrBlocks;
        private String description;
        private Number fromPort;
        private List<String> ipv6CidrBlocks;
        private List<String> prefixListIds;
        private String protocol;
        private String securityGroupId;
        private Object self;
        private String sourceSecurityGroupId;
        private Timeouts timeouts;
        private Number toPort;
        private String type;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        public Builder cidrBlocks(List<String> value) {
            this.cidrBlocks = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** Required. */
        public Builder fromPort(Number value) {
            this.fromPort = value;
            return this;
        }

        public Builder ipv6CidrBlocks(List<String> value) {
            this.ipv6CidrBlocks = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder prefixListIds(List<String> value) {
            this.prefixListIds = value == null ? null : List.copyOf(value);
            return this;
        }

        /** Required. */
        public Builder protocol(String value) {
            this.protocol = value;
            return this;
        }

        /** Required. */
        public Builder securityGroupId(String value) {
            this.securityGroupId = value;
            return this;
        }

        public Builder self(Boolean value) {
            this.self = value;
            return this;
        }

        public Builder self(IResolvable value) {
            this.self = value;
            return this;
        }

        public Builder sourceSecurityGroupId(String value) {
            this.sourceSecurityGroupId = value;
            return this;
        }

        public Builder timeouts(Timeouts value) {
            this.timeouts = value;
            return this;
        }

        /** Required. */
        public Builder toPort(Number value) {
            this.toPort = value;
            return this;
        }

        /** Required. */
        public Builder type(String value) {
            this.type = value;
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

        public SecurityGroupRule build() {
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "from_port", fromPort);
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "protocol", protocol);
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "security_group_id", securityGroupId);
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "to_port", toPort);
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "type", type);
            return new SecurityGroupRule(this);
        }
    }
}
