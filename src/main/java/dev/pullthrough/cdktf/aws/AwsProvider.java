package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformProviderConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * A minimal binding for the hashicorp/aws provider block: enough to place a stack in a region and account.
 *
 * <p>Apps that already use the prebuilt cdktf-provider-aws {@code AwsProvider} do not need this one; every other
 * binding here works with any provider construct whose type is {@code aws}.
 */
public final class AwsProvider extends TerraformProvider {
    public static final String PROVIDER_NAME = "aws";
    public static final String SOURCE = "hashicorp/aws";
    /** 5.93.0 added custom_role_arn and upstream_repository_prefix to aws_ecr_pull_through_cache_rule. */
    public static final String VERSION_CONSTRAINT = ">= 5.93";
    /** The provider version whose schema the attribute names were checked against (see the schema test). */
    public static final String CHECKED_VERSION = "5.100.0";

    private final String region;
    private final String profile;
    private final List<String> allowedAccountIds;
    private final Map<String, String> defaultTags;
    private String alias;

    private AwsProvider(Builder b) {
        super(b.scope, b.id, TerraformProviderConfig.builder()
                .terraformResourceType(PROVIDER_NAME)
                .terraformProviderSource(SOURCE)
                .terraformGeneratorMetadata(Meta.GENERATOR)
                .build());
        this.region = b.region;
        this.profile = b.profile;
        this.allowedAccountIds = b.allowedAccountIds;
        this.defaultTags = b.defaultTags;
        this.alias = b.alias;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("region", region)
                .put("profile", profile)
                .put("allowed_account_ids", allowedAccountIds)
                .put("default_tags", defaultTags.isEmpty() ? null : List.of(Map.of("tags", defaultTags)))
                .toMap();
    }

    /** cdktf's base class leaves alias to subclasses (and adds it to the provider block itself). */
    @Override
    public String getAlias() {
        return alias;
    }

    @Override
    public void setAlias(String value) {
        this.alias = value;
    }

    public String getRegionInput() {
        return region;
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private String region;
        private String profile;
        private String alias;
        private List<String> allowedAccountIds = List.of();
        private Map<String, String> defaultTags = Map.of();

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder profile(String value) {
            this.profile = value;
            return this;
        }

        public Builder alias(String value) {
            this.alias = value;
            return this;
        }

        public Builder allowedAccountIds(List<String> value) {
            this.allowedAccountIds = List.copyOf(value);
            return this;
        }

        /** Tags the provider adds to every taggable resource it creates. */
        public Builder defaultTags(Map<String, String> value) {
            this.defaultTags = Attributes.sorted(value);
            return this;
        }

        public AwsProvider build() {
            return new AwsProvider(this);
        }
    }
}
