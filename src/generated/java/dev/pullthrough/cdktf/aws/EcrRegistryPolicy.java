// Generated from the hashicorp/aws 5.100.0 provider schema (src/codegen) by BindingsGenerator.
// Do not edit: change src/codegen/aws-bindings.list and run bin/generate-bindings.
package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/** Binding for the resource {@code aws_ecr_registry_policy} (hashicorp/aws 5.100.0). */
public final class EcrRegistryPolicy extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_ecr_registry_policy";

    private final String policy;

    private EcrRegistryPolicy(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.policy = b.policy;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("policy", policy)
                .toMap();
    }

    /** The value given to the builder, or null. */
    public String getPolicyInput() {
        return policy;
    }

    /** A token for the {@code id} the plan or state has. */
    public String getId() {
        return getStringAttribute("id");
    }

    /** A token for the {@code policy} the plan or state has. */
    public String getPolicy() {
        return getStringAttribute("policy");
    }

    /** A token for the {@code registry_id} the plan or state has. */
    public String getRegistryId() {
        return getStringAttribute("registry_id");
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String policy;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Required. */
        public Builder policy(String value) {
            this.policy = value;
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

        public EcrRegistryPolicy build() {
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "policy", policy);
            return new EcrRegistryPolicy(this);
        }
    }
}
