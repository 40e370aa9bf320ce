package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/** Binding for {@code aws_iam_policy} (a customer managed policy). */
public final class IamPolicy extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_iam_policy";

    private final String name;
    private final String namePrefix;
    private final String path;
    private final String description;
    private final String policy;
    private final Map<String, String> tags;

    private IamPolicy(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.name = b.name;
        this.namePrefix = b.namePrefix;
        this.path = b.path;
        this.description = b.description;
        this.policy = b.policy;
        this.tags = b.tags;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("name", name)
                .put("name_prefix", namePrefix)
                .put("path", path)
                .put("description", description)
                .put("policy", policy)
                .put("tags", tags)
                .toMap();
    }

    public String getPolicyInput() {
        return policy;
    }

    public String getId() {
        return getStringAttribute("id");
    }

    public String getArn() {
        return getStringAttribute("arn");
    }

    public String getName() {
        return getStringAttribute("name");
    }

    public String getPolicyId() {
        return getStringAttribute("policy_id");
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String name;
        private String namePrefix;
        private String path;
        private String description;
        private String policy;
        private Map<String, String> tags = Map.of();

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** Terraform appends a unique suffix; conflicts with name. */
        public Builder namePrefix(String value) {
            this.namePrefix = value;
            return this;
        }

        public Builder path(String value) {
            this.path = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** Required. The policy document JSON. */
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

        public IamPolicy build() {
            Required.check(TF_RESOURCE_TYPE, id, "policy", policy);
            if (name != null && namePrefix != null) {
                throw new IllegalArgumentException(
                        TF_RESOURCE_TYPE + " \"" + id + "\": set name or name_prefix, not both");
            }
            return new IamPolicy(this);
        }
    }
}
