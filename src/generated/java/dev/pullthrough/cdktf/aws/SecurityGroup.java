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

/** Binding for the resource {@code aws_security_group} (hashicorp/aws 5.100.0). */
public final class SecurityGroup extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_security_group";

    private final String description;
    private final List<Egress> egress;
    private final List<Ingress> ingress;
    private final String name;
    private final String namePrefix;
    private final Object revokeRulesOnDelete;
    private final Map<String, String> tags;
    private final Map<String, String> tagsAll;
    private final Timeouts timeouts;
    private final String vpcId;

    private SecurityGroup(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.description = b.description;
        this.egress = b.egress;
        this.ingress = b.ingress;
        this.name = b.name;
        this.namePrefix = b.namePrefix;
        this.revokeRulesOnDelete = b.revokeRulesOnDelete;
        this.tags = b.tags;
        this.tagsAll = b.tagsAll;
        this.timeouts = b.timeouts;
        this.vpcId = b.vpcId;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("description", description)
                .put("egress", egress)
                .put("ingress", ingress)
                .put("name", name)
                .put("name_prefix", namePrefix)
                .put("revoke_rules_on_delete", revokeRulesOnDelete)
                .put("tags", tags)
                .put("tags_all", tagsAll)
                .put("timeouts", timeouts)
                .put("vpc_id", vpcId)
                .toMap();
    }

    /** The value given to the builder, or null. */
    public String getDescriptionInput() {
        return description;
    }

    /** The value given to the builder, or null. */
    public List<Egress> getEgressInput() {
        return egress;
    }

    /** The value given to the builder, or null. */
    public List<Ingress> getIngressInput() {
        return ingress;
    }

    /** The value given to the builder, or null. */
    public String getNameInput() {
        return name;
    }

    /** The value given to the builder, or null. */
    public String getNamePrefixInput() {
        return namePrefix;
    }

    /** The value given to the builder, or null. */
    public Object getRevokeRulesOnDeleteInput() {
        return revokeRulesOnDelete;
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
    public String getVpcIdInput() {
        return vpcId;
    }

    /** A token for the {@code arn} the plan or state has. */
    public String getArn() {
        return getStringAttribute("arn");
    }

    /** A token for the {@code description} the plan or state has. */
    public String getDescription() {
        return getStringAttribute("description");
    }

    /** A token for the {@code egress} the plan or state has. */
    public IResolvable getEgress() {
        return interpolationForAttribute("egress");
    }

    /** A token for the {@code id} the plan or state has. */
    public String getId() {
        return getStringAttribute("id");
    }

    /** A token for the {@code ingress} the plan or state has. */
    public IResolvable getIngress() {
        return interpolationForAttribute("ingress");
    }

    /** A token for the {@code name} the plan or state has. */
    public String getName() {
        return getStringAttribute("name");
    }

    /** A token for the {@code name_prefix} the plan or state has. */
    public String getNamePrefix() {
        return getStringAttribute("name_prefix");
    }

    /** A token for the {@code owner_id} the plan or state has. */
    public String getOwnerId() {
        return getStringAttribute("owner_id");
    }

    /** A token for the {@code revoke_rules_on_delete} the plan or state has. */
    public IResolvable getRevokeRulesOnDelete() {
        return getBooleanAttribute("revoke_rules_on_delete");
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

    /** A token for the {@code vpc_id} the plan or state has. */
    public String getVpcId() {
        return getStringAttribute("vpc_id");
    }

    /** Object {@code egress} of {@code aws_security_group}. */
    public record Egress(
            List<String> cidrBlocks,
            String description,
            Number fromPort,
            List<String> ipv6CidrBlocks,
            List<String> prefixListIds,
            String protocol,
            List<String> securityGroups,
            Object self,
            Number toPort) implements TerraformBlock {
        /** Checks required arguments and copies collections, so a record built directly is as safe. */
        public Egress {
            cidrBlocks = cidrBlocks == null ? null : List.copyOf(cidrBlocks);
            ipv6CidrBlocks = ipv6CidrBlocks == null ? null : List.copyOf(ipv6CidrBlocks);
            prefixListIds = prefixListIds == null ? null : List.copyOf(prefixListIds);
            securityGroups = securityGroups == null ? null : List.copyOf(securityGroups);
        }

        public static Builder builder() {
            return new Builder();
        }

        @Override
        public Map<String, Object> toTerraform() {
            return Attributes.create()
                    .put("cidr_blocks", cidrBlocks)
                    .put("description", description)
                    .put("from_port", fromPort)
                    .put("ipv6_cidr_blocks", ipv6CidrBlocks)
                    .put("prefix_list_ids", prefixListIds)
                    .put("protocol", protocol)
                    .put("security_groups", securityGroups)
                    .put("self", self)
                    .put("to_port", toPort)
                    .toMap();
        }

        public static final class Builder {
            private List<String> cidrBlocks;
            private String description;
            private Number fromPort;
            private List<String> ipv6CidrBlocks;
            private List<String> prefixListIds;
            private String protocol;
            private List<String> securityGroups;
            private Object self;
            private Number toPort;

            public Builder cidrBlocks(List<String> value) {
                this.cidrBlocks = value == null ? null : List.copyOf(value);
                return this;
            }

            public Builder description(String value) {
                this.description = value;
                return this;
            }

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

            public Builder protocol(String value) {
                this.protocol = value;
                return this;
            }

            public Builder securityGroups(List<String> value) {
                this.securityGroups = value == null ? null : List.copyOf(value);
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

            public Builder toPort(Number value) {
                this.toPort = value;
                return this;
            }

            public Egress build() {
                return new Egress(cidrBlocks, description, fromPort, ipv6CidrBlocks, prefixListIds, protocol, securityGroups, self, toPort);
            }
        }
    }

    /** Object {@code ingress} of {@code aws_security_group}. */
    public record Ingress(
            List<String> cidrBlocks,
            String description,
            Number fromPort,
            List<String> ipv6CidrBlocks,
            List<String> prefixListIds,
            String protocol,
            List<String> securityGroups,
            Object self,
            Number toPort) implements TerraformBlock {
        /** Checks required arguments and copies collections, so a record built directly is as safe. */
        public Ingress {
            cidrBlocks = cidrBlocks == null ? null : List.copyOf(cidrBlocks);
            ipv6CidrBlocks = ipv6CidrBlocks == null ? null : List.copyOf(ipv6CidrBlocks);
            prefixListIds = prefixListIds == null ? null : List.copyOf(prefixListIds);
            securityGroups = securityGroups == null ? null : List.copyOf(securityGroups);
        }

        public static Builder builder() {
            return new Builder();
        }

        @Override
        public Map<String, Object> toTerraform() {
            return Attributes.create()
                    .put("cidr_blocks", cidrBlocks)
                    .put("description", description)
                    .put("from_port", fromPort)
                    .put("ipv6_cidr_blocks", ipv6CidrBlocks)
                    .put("prefix_list_ids", prefixListIds)
                    .put("protocol", protocol)
                    .put("security_groups", securityGroups)
                    .put("self", self)
                    .put("to_port", toPort)
                    .toMap();
        }

        public static final class Builder {
            private List<String> cidrBlocks;
            private String description;
            private Number fromPort;
            private List<String> ipv6CidrBlocks;
            private List<String> prefixListIds;
            private String protocol;
            private List<String> securityGroups;
            private Object self;
            private Number toPort;

            public Builder cidrBlocks(List<String> value) {
                this.cidrBlocks = value == null ? null : List.copyOf(value);
                return this;
            }

            public Builder description(String value) {
                this.description = value;
                return this;
            }

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

            public Builder protocol(String value) {
                this.protocol = value;
                return this;
            }

            public Builder securityGroups(List<String> value) {
                this.securityGroups = value == null ? null : List.copyOf(value);
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

            public Builder toPort(Number value) {
                this.toPort = value;
                return this;
            }

            public Ingress build() {
                return new Ingress(cidrBlocks, description, fromPort, ipv6CidrBlocks, prefixListIds, protocol, securityGroups, self, toPort);
            }
        }
    }

    /** Block {@code timeouts} of {@code aws_security_group}. */
    public record Timeouts(String create, String delete) implements TerraformBlock {
        public static Builder builder() {
            return new Builder();
        }

        @Override
        public Map<String, Object> toTerraform() {
            return Attributes.create()
                    .put("create", create)
                    .put("delete", delete)
                    .toMap();
        }

        public static final class Builder {
            private String create;
            private String delete;

            public Builder create(String value) {
                this.create = value;
                return this;
            }

            public Builder delete(String value) {
                this.delete = value;
                return this;
            }

            public Timeouts build() {
                return new Timeouts(create, delete);
            }
        }
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String description;
        private List<Egress> egress;
        private List<Ingress> ingress;
        private String name;
        private String namePrefix;
        private Object revokeRulesOnDelete;
        private Map<String, String> tags;
        private Map<String, String> tagsAll;
        private Timeouts timeouts;
        private String vpcId;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder egress(List<Egress> value) {
            this.egress = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder ingress(List<Ingress> value) {
            this.ingress = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder namePrefix(String value) {
            this.namePrefix = value;
            return this;
        }

        public Builder revokeRulesOnDelete(Boolean value) {
            this.revokeRulesOnDelete = value;
            return this;
        }

        public Builder revokeRulesOnDelete(IResolvable value) {
            this.revokeRulesOnDelete = value;
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

        public SecurityGroup build() {
            return new SecurityGroup(this);
        }
    }
}
