package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * Binding for {@code aws_iam_role_policy_attachment}. The role is a plain name string, so a role from any source
 * works: a literal, a variable, or {@code role.getName()} of the prebuilt provider's IamRole.
 */
public final class IamRolePolicyAttachment extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_iam_role_policy_attachment";

    private final String role;
    private final String policyArn;

    private IamRolePolicyAttachment(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.role = b.role;
        this.policyArn = b.policyArn;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("role", role)
                .put("policy_arn", policyArn)
                .toMap();
    }

    public String getRoleInput() {
        return role;
    }

    public String getId() {
        return getStringAttribute("id");
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String role;
        private String policyArn;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Required. The role name (not its ARN). */
        public Builder role(String value) {
            this.role = value;
            return this;
        }

        /** Required. */
        public Builder policyArn(String value) {
            this.policyArn = value;
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
            Required.check(TF_RESOURCE_TYPE, id, "role", role);
            Required.check(TF_RESOURCE_TYPE, id, "policy_arn", policyArn);
            return new IamRolePolicyAttachment(this);
        }
    }
}
