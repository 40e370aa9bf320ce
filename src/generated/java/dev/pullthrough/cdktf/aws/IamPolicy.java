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

/** Binding for the resource {@code aws_iam_policy} (hashicorp/aws 5.100.0). */
public final class IamPolicy extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_iam_policy";

    private final String description;
    private final String name;
    private final String namePrefix;
    private final String path;
    private final String policy;
    private final Map<String, String> tags;
    private final Map<String, String> tagsAll;

    private IamPolicy(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.description = b.description;
        this.name = b.name;
        this.namePrefix = b.namePrefix;
        this.path = b.path;
        this.policy = b.policy;
        this.tags = b.tags;
        this.tagsAll = b.tagsAll;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("description", description)
                .put("name", name)
                .put("name_prefix", namePrefix)
                .put("path", path)
                .put("policy", policy)
                .put("tags", tags)
                .put("tags_all", tagsAll)
                .toMap();
    }

    /** The value given to the builder, or null. */
    public String getDescriptionInput() {
        return description;
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
    public String getPathInput() {
        return path;
    }

    /** The value given to the builder, or null. */
    public String getPolicyInput() {
        return policy;
    }

    /** The value given to the builder, or null. */
    public Map<String, String> getTagsInput() {
        return tags;
    }

    /** The value given to the builder, or null. */
    public Map<String, String> getTagsAllInput() {
        return tagsAll;
    }

    /** A token for the {@code arn} the plan or state has. */
    public String getArn() {
        return getStringAttribute("arn");
    }

    /** A token for the {@code attachment_count} the plan or state has. */
    public Number getAttachmentCount() {
        return getNumberAttribute("attachment_count");
    }

    /** A token for the {@code description} the plan or state has. */
    public String getDescription() {
        return getStringAttribute("description");
    }

    /** A token for the {@code id} the plan or state has. */
    public String getId() {
        return getStringAttribute("id");
    }

    /** A token for the {@code name} the plan or state has. */
    public String getName() {
        return getStringAttribute("name");
    }

    /** A token for the {@code name_prefix} the plan or state has. */
    public String getNamePrefix() {
        return getStringAttribute("name_prefix");
    }

    /** A token for the {@code path} the plan or state has. */
    public String getPath() {
        return getStringAttribute("path");
    }

    /** A token for the {@code policy} the plan or state has. */
    public String getPolicy() {
        return getStringAttribute("policy");
    }

    /** A token for the {@code policy_id} the plan or state has. */
    public String getPolicyId() {
        return getStringAttribute("policy_id");
    }

    /** A token for the {@code tags} the plan or state has. */
    public Map<String, String> getTags() {
        return getStringMapAttribute("tags");
    }

    /** A token for the {@code tags_all} the plan or state has. */
    public Map<String, String> getTagsAll() {
        return getStringMapAttribute("tags_all");
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String description;
        private String name;
        private String namePrefix;
        private String path;
        private String policy;
        private Map<String, String> tags;
        private Map<String, String> tagsAll;

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

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder namePrefix(String value) {
            this.namePrefix = value;
            return this;
        }

        public Builder path(String value) {
            this.path = value;
            return this;
        }

        /** Required. */
        public Builder policy(String value) {
            this.policy = value;
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

        public Builder provider(TerraformProvider value) {
            meta.provider(value);
            return this;
        }

        public Builder dependsOn(List<? extends ITerraformDependable> value) {
            meta.dependsOn(value);
            return this;
        }

        public IamPolicy build() {
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "policy", policy);
            return new IamPolicy(this);
        }
    }
}
