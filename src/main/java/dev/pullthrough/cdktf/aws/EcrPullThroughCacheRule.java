package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * Binding for {@code aws_ecr_pull_through_cache_rule}, including the arguments the prebuilt cdktf-provider-aws lacks
 * ({@code credential_arn}, {@code custom_role_arn}, {@code upstream_repository_prefix}).
 */
public final class EcrPullThroughCacheRule extends TerraformResource {
    public static final String TF_RESOURCE_TYPE = "aws_ecr_pull_through_cache_rule";

    private final String ecrRepositoryPrefix;
    private final String upstreamRegistryUrl;
    private final String credentialArn;
    private final String customRoleArn;
    private final String upstreamRepositoryPrefix;

    private EcrPullThroughCacheRule(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.ecrRepositoryPrefix = b.ecrRepositoryPrefix;
        this.upstreamRegistryUrl = b.upstreamRegistryUrl;
        this.credentialArn = b.credentialArn;
        this.customRoleArn = b.customRoleArn;
        this.upstreamRepositoryPrefix = b.upstreamRepositoryPrefix;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("ecr_repository_prefix", ecrRepositoryPrefix)
                .put("upstream_registry_url", upstreamRegistryUrl)
                .put("credential_arn", credentialArn)
                .put("custom_role_arn", customRoleArn)
                .put("upstream_repository_prefix", upstreamRepositoryPrefix)
                .toMap();
    }

    public String getEcrRepositoryPrefixInput() {
        return ecrRepositoryPrefix;
    }

    public String getUpstreamRegistryUrlInput() {
        return upstreamRegistryUrl;
    }

    public String getId() {
        return getStringAttribute("id");
    }

    /** The account id of the registry that holds the rule. */
    public String getRegistryId() {
        return getStringAttribute("registry_id");
    }

    public String getEcrRepositoryPrefix() {
        return getStringAttribute("ecr_repository_prefix");
    }

    public String getUpstreamRegistryUrl() {
        return getStringAttribute("upstream_registry_url");
    }

    public String getUpstreamRepositoryPrefix() {
        return getStringAttribute("upstream_repository_prefix");
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String ecrRepositoryPrefix;
        private String upstreamRegistryUrl;
        private String credentialArn;
        private String customRoleArn;
        private String upstreamRepositoryPrefix;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Required. The repository prefix in this registry, or {@code ROOT}. */
        public Builder ecrRepositoryPrefix(String value) {
            this.ecrRepositoryPrefix = value;
            return this;
        }

        /** Required. The upstream registry host, e.g. {@code registry-1.docker.io}. */
        public Builder upstreamRegistryUrl(String value) {
            this.upstreamRegistryUrl = value;
            return this;
        }

        /** Secrets Manager ARN (name under {@code ecr-pullthroughcache/}) for upstreams that require a login. */
        public Builder credentialArn(String value) {
            this.credentialArn = value;
            return this;
        }

        /** Role ECR assumes for a cross-account ECR upstream. */
        public Builder customRoleArn(String value) {
            this.customRoleArn = value;
            return this;
        }

        /** Repository prefix in the upstream registry (ECR upstreams). */
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
            Required.check(TF_RESOURCE_TYPE, id, "ecr_repository_prefix", ecrRepositoryPrefix);
            Required.check(TF_RESOURCE_TYPE, id, "upstream_registry_url", upstreamRegistryUrl);
            return new EcrPullThroughCacheRule(this);
        }
    }
}
