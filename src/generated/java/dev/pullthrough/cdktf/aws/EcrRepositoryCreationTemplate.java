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

/** Binding for the resource {@code aws_ecr_repository_creation_template} (hashicorp/aws 5.100.0). */
public final class EcrRepositoryCreationTemplate extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_ecr_repository_creation_template";

    private final List<String> appliedFor;
    private final String customRoleArn;
    private final String description;
    private final List<EncryptionConfiguration> encryptionConfiguration;
    private final String imageTagMutability;
    private final String lifecyclePolicy;
    private final String prefix;
    private final String repositoryPolicy;
    private final Map<String, String> resourceTags;

    private EcrRepositoryCreationTemplate(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.appliedFor = b.appliedFor;
        this.customRoleArn = b.customRoleArn;
        this.description = b.description;
        this.encryptionConfiguration = b.encryptionConfiguration;
        this.imageTagMutability = b.imageTagMutability;
        this.lifecyclePolicy = b.lifecyclePolicy;
        this.prefix = b.prefix;
        this.repositoryPolicy = b.repositoryPolicy;
        this.resourceTags = b.resourceTags;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("applied_for", appliedFor)
                .put("custom_role_arn", customRoleArn)
                .put("description", description)
                .put("encryption_configuration", encryptionConfiguration)
                .put("image_tag_mutability", imageTagMutability)
                .put("lifecycle_policy", lifecyclePolicy)
                .put("prefix", prefix)
                .put("repository_policy", repositoryPolicy)
                .put("resource_tags", resourceTags)
                .toMap();
    }

    /** The value given to the builder, or null. */
    public List<String> getAppliedForInput() {
        return appliedFor;
    }

    /** The value given to the builder, or null. */
    public String getCustomRoleArnInput() {
        return customRoleArn;
    }

    /** The value given to the builder, or null. */
    public String getDescriptionInput() {
        return description;
    }

    /** The value given to the builder, or null. */
    public List<EncryptionConfiguration> getEncryptionConfigurationInput() {
        return encryptionConfiguration;
    }

    /** The value given to the builder, or null. */
    public String getImageTagMutabilityInput() {
        return imageTagMutability;
    }

    /** The value given to the builder, or null. */
    public String getLifecyclePolicyInput() {
        return lifecyclePolicy;
    }

    /** The value given to the builder, or null. */
    public String getPrefixInput() {
        return prefix;
    }

    /** The value given to the builder, or null. */
    public String getRepositoryPolicyInput() {
        return repositoryPolicy;
    }

    /** The value given to the builder, or null. */
    public Map<String, String> getResourceTagsInput() {
        return resourceTags;
    }

    /** A token for the {@code applied_for} the plan or state has. */
    public List<String> getAppliedFor() {
        return getListAttribute("applied_for");
    }

    /** A token for the {@code custom_role_arn} the plan or state has. */
    public String getCustomRoleArn() {
        return getStringAttribute("custom_role_arn");
    }

    /** A token for the {@code description} the plan or state has. */
    public String getDescription() {
        return getStringAttribute("description");
    }

    /** A token for the {@code encryption_configuration} the plan or state has. */
    public IResolvable getEncryptionConfiguration() {
        return interpolationForAttribute("encryption_configuration");
    }

    /** A token for the {@code id} the plan or state has. */
    public String getId() {
        return getStringAttribute("id");
    }

    /** A token for the {@code image_tag_mutability} the plan or state has. */
    public String getImageTagMutability() {
        return getStringAttribute("image_tag_mutability");
    }

    /** A token for the {@code lifecycle_policy} the plan or state has. */
    public String getLifecyclePolicy() {
        return getStringAttribute("lifecycle_policy");
    }

    /** A token for the {@code prefix} the plan or state has. */
    public String getPrefix() {
        return getStringAttribute("prefix");
    }

    /** A token for the {@code registry_id} the plan or state has. */
    public String getRegistryId() {
        return getStringAttribute("registry_id");
    }

    /** A token for the {@code repository_policy} the plan or state has. */
    public String getRepositoryPolicy() {
        return getStringAttribute("repository_policy");
    }

    /** A token for the {@code resource_tags} the plan or state has. */
    public Map<String, String> getResourceTags() {
        return getStringMapAttribute("resource_tags");
    }

    /** Block {@code encryption_configuration} of {@code aws_ecr_repository_creation_template}. */
    public record EncryptionConfiguration(String encryptionType, String kmsKey) implements TerraformBlock {
        public static Builder builder() {
            return new Builder();
        }

        @Override
        public Map<String, Object> toTerraform() {
            return Attributes.create()
                    .put("encryption_type", encryptionType)
                    .put("kms_key", kmsKey)
                    .toMap();
        }

        public static final class Builder {
            private String encryptionType;
            private String kmsKey;

            public Builder encryptionType(String value) {
                this.encryptionType = value;
                return this;
            }

            public Builder kmsKey(String value) {
                this.kmsKey = value;
                return this;
            }

            public EncryptionConfiguration build() {
                return new EncryptionConfiguration(encryptionType, kmsKey);
            }
        }
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private List<String> appliedFor;
        private String customRoleArn;
        private String description;
        private List<EncryptionConfiguration> encryptionConfiguration;
        private String imageTagMutability;
        private String lifecyclePolicy;
        private String prefix;
        private String repositoryPolicy;
        private Map<String, String> resourceTags;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Required. */
        public Builder appliedFor(List<String> value) {
            this.appliedFor = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder customRoleArn(String value) {
            this.customRoleArn = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder encryptionConfiguration(List<EncryptionConfiguration> value) {
            this.encryptionConfiguration = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder imageTagMutability(String value) {
            this.imageTagMutability = value;
            return this;
        }

        public Builder lifecyclePolicy(String value) {
            this.lifecyclePolicy = value;
            return this;
        }

        /** Required. */
        public Builder prefix(String value) {
            this.prefix = value;
            return this;
        }

        public Builder repositoryPolicy(String value) {
            this.repositoryPolicy = value;
            return this;
        }

        public Builder resourceTags(Map<String, String> value) {
            this.resourceTags = Attributes.sorted(value);
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

        public EcrRepositoryCreationTemplate build() {
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "applied_for", appliedFor);
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "prefix", prefix);
            return new EcrRepositoryCreationTemplate(this);
        }
    }
}
