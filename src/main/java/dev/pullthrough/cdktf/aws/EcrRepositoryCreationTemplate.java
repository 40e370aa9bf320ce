package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * Binding for {@code aws_ecr_repository_creation_template}: settings ECR applies to repositories it creates itself,
 * e.g. cache repositories created on the first pull through a rule with the same prefix.
 */
public final class EcrRepositoryCreationTemplate extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_ecr_repository_creation_template";
    public static final String APPLIED_FOR_PULL_THROUGH_CACHE = "PULL_THROUGH_CACHE";
    public static final String APPLIED_FOR_REPLICATION = "REPLICATION";
    public static final String APPLIED_FOR_CREATE_ON_PUSH = "CREATE_ON_PUSH";

    private final String prefix;
    private final List<String> appliedFor;
    private final String description;
    private final String imageTagMutability;
    private final String lifecyclePolicy;
    private final String repositoryPolicy;
    private final String customRoleArn;
    private final EncryptionConfiguration encryptionConfiguration;
    private final Map<String, String> resourceTags;

    private EcrRepositoryCreationTemplate(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.prefix = b.prefix;
        this.appliedFor = b.appliedFor;
        this.description = b.description;
        this.imageTagMutability = b.imageTagMutability;
        this.lifecyclePolicy = b.lifecyclePolicy;
        this.repositoryPolicy = b.repositoryPolicy;
        this.customRoleArn = b.customRoleArn;
        this.encryptionConfiguration = b.encryptionConfiguration;
        this.resourceTags = b.resourceTags;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("prefix", prefix)
                .put("applied_for", appliedFor)
                .put("description", description)
                .put("image_tag_mutability", imageTagMutability)
                .put("lifecycle_policy", lifecyclePolicy)
                .put("repository_policy", repositoryPolicy)
                .put("custom_role_arn", customRoleArn)
                .put("encryption_configuration",
                        encryptionConfiguration == null ? null : List.of(encryptionConfiguration.toTerraform()))
                .put("resource_tags", resourceTags)
                .toMap();
    }

    public String getPrefixInput() {
        return prefix;
    }

    public String getLifecyclePolicyInput() {
        return lifecyclePolicy;
    }

    public String getId() {
        return getStringAttribute("id");
    }

    public String getRegistryId() {
        return getStringAttribute("registry_id");
    }

    public String getPrefix() {
        return getStringAttribute("prefix");
    }

    /** {@code encryption_configuration} block: {@code AES256} (default) or {@code KMS} with an optional key. */
    public record EncryptionConfiguration(String encryptionType, String kmsKey) {
        public static EncryptionConfiguration aes256() {
            return new EncryptionConfiguration("AES256", null);
        }

        public static EncryptionConfiguration kms(String kmsKeyArn) {
            return new EncryptionConfiguration("KMS", kmsKeyArn);
        }

        Map<String, Object> toTerraform() {
            return Attributes.create()
                    .put("encryption_type", encryptionType)
                    .put("kms_key", kmsKey)
                    .toMap();
        }
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String prefix;
        private List<String> appliedFor = List.of();
        private String description;
        private String imageTagMutability;
        private String lifecyclePolicy;
        private String repositoryPolicy;
        private String customRoleArn;
        private EncryptionConfiguration encryptionConfiguration;
        private Map<String, String> resourceTags = Map.of();

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Required. Repository name prefix the template applies to, or {@code ROOT}. */
        public Builder prefix(String value) {
            this.prefix = value;
            return this;
        }

        /** Required. Any of PULL_THROUGH_CACHE, REPLICATION, CREATE_ON_PUSH. */
        public Builder appliedFor(List<String> value) {
            this.appliedFor = List.copyOf(value);
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** MUTABLE or IMMUTABLE. */
        public Builder imageTagMutability(String value) {
            this.imageTagMutability = value;
            return this;
        }

        /** Lifecycle policy JSON for the repositories created. */
        public Builder lifecyclePolicy(String value) {
            this.lifecyclePolicy = value;
            return this;
        }

        public Builder repositoryPolicy(String value) {
            this.repositoryPolicy = value;
            return this;
        }

        /** Role ECR assumes to create repositories with KMS encryption or tags. */
        public Builder customRoleArn(String value) {
            this.customRoleArn = value;
            return this;
        }

        public Builder encryptionConfiguration(EncryptionConfiguration value) {
            this.encryptionConfiguration = value;
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
            Required.check(TF_RESOURCE_TYPE, id, "prefix", prefix);
            Required.check(TF_RESOURCE_TYPE, id, "applied_for", appliedFor);
            return new EcrRepositoryCreationTemplate(this);
        }
    }
}
