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

/** Binding for the resource {@code aws_ecr_pull_through_cache_rule} (hashicorp/aws 5.100.0). */
public final class EcrPullThroughCacheRule extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_ecr_pull_through_cache_rule";

    private final String credentialArn;
    private final String customRoleArn;
    private final String ecrRepositoryPrefix;
    private final String upstreamRegistryUrl;
    private final String upstreamRepositoryPrefix;

    private EcrPullThroughCacheRule(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.credentialArn = b.credentialArn;
        this.customRoleArn = b.customRoleArn;
        this.ecrRepositoryPrefix = b.ecrRepositoryPrefix;
        this.upstreamRegistryUrl = b.upstreamRegistryUrl;
        this.upstreamRepositoryPrefix = b.upstreamRepositoryPrefix;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("credential_arn", credentialArn)
                .put("custom_role_arn", customRoleArn)
                .put("ecr_repository_prefix", ecrRepositoryPrefix)
                .put("upstream_registry_url", upstreamRegistryUrl)
                .put("upstream_repository_prefix", upstreamRepositoryPrefix)
                .toMap();
    }

    /** The value given to the builder, or null. */
    public String getCredentialArnInput() {
        return credentialArn;
    }

    /** The value given to the builder, or null. */
    public String getCustomRoleArnInput() {
        return customRoleArn;
    }

    /** The value given to the builder, or null. */
    public String getEcrRepositoryPrefixInput() {
        return ecrRepositoryPrefix;
    }

    /** The value given to the builder, or null. */
    public String getUpstreamRegistryUrlInput() {
        return upstreamRegistryUrl;
    }

    /** The value given to the builder, or null. */
    public String getUpstreamRepositoryPrefixInput() {
        return upstreamRepositoryPrefix;
    }

    /** A token for the {@code credential_arn} the plan or state has. */
    public String getCredentialArn() {
        return getStringAttribute("credential_arn");
    }

    /** A token for the {@code custom_role_arn} the plan or state has. */
    public String getCustomRoleArn() {
        return getStringAttribute("custom_role_arn");
    }

    /** A token for the {@code ecr_repository_prefix} the plan or state has. */
    public String getEcrRepositoryPrefix() {
        return getStringAttribute("ecr_repository_prefix");
    }

    /** A token for the {@code id} the plan or state has. */
    public String getId() {
        return getStringAttribute("id");
    }

    /** A token for the {@code registry_id} the plan or state has. */
    public String getRegistryId() {
        return getStringAttribute("registry_id");
    }

    /** A token for the {@code upstream_registry_url} the plan or state has. */
    public String getUpstreamRegistryUrl() {
        return getStringAttribute("upstream_registry_url");
    }

    /** A token for the {@code upstream_repository_prefix} the plan or state has. */
    public String getUpstreamRepositoryPrefix() {
        return getStringAttribute("upstream_repository_prefix");
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String credentialArn;
        private String customRoleArn;
        private String ecrRepositoryPrefix;
        private String upstreamRegistryUrl;
        private String upstreamRepositoryPrefix;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        public Builder credentialArn(String value) {
            this.credentialArn = value;
            return this;
        }

        public Builder customRoleArn(String value) {
            this.customRoleArn = value;
            return this;
        }

        /** Required. */
        public Builder ecrRepositoryPrefix(String value) {
            this.ecrRepositoryPrefix = value;
            return this;
        }

        /** Required. */
        public Builder upstreamRegistryUrl(String value) {
            this.upstreamRegistryUrl = value;
            return this;
        }

        public Builder upstreamRepositoryPrefix(String value) {
            this.upstreamRepositoryPrefix = value;
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

        public EcrPullThroughCacheRule build() {
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "ecr_repository_prefix", ecrRepositoryPrefix);
            Required.check(TF_RESOURCE_TYPE + " \"" + id + "\"", "upstream_registry_url", upstreamRegistryUrl);
            return new EcrPullThroughCacheRule(this);
        }
    }
}
