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

/** Binding for the resource {@code aws_iam_role_policy_attachment} (hashicorp/aws 5.100.0). */
public final class IamRolePolicyAttachment extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_iam_role_policy_attachment";

    private final String policyArn;
    private final String role;

    private IamRolePolicyAttachment(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.policyArn = b.policyArn;
        this.role = b.role;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("policy_arn", policyArn)
                .put("role", role)
                .toMap();
    }

    /** The value given to the builder, or null. */
    public String getPolicyArnInput() {
        return policyArn;
    }

    /** The value given to the builder, or null. */
    public String getRoleInput() {
        return role;
    }

    /** A token for the {@code id} the plan or state has. */
    public String getId() {
        return getStringAttribute("id");
    }

    /** A token for the {@code policy_arn} the plan or state has. */
    public String getPolicyArn() {
        return getStringAttribute("policy_arn");
    }

    /** A token for the {@code role} the plan or state has. */
    public String getRole() {
        return getStringAttribute("role");
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String policyArn;
        private String role;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Required. */
        public Builder policyArn(String value) {
            this.policyArn = value;
            return this;
        }

        /** Required. */
        public Builder role(String value) {
            this.role = value;
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

        public IamRolePolicyAttachment build() {
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "policy_arn", policyArn);
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "role", role);
            return new IamRolePolicyAttachment(this);
        }
    }
}
