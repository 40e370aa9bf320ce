package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformProvider;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/** Binding for the {@code aws_caller_identity} data source: the account Terraform runs in. */
public final class DataAwsCallerIdentity extends TerraformDataSource {
    public static final String TF_RESOURCE_TYPE = "aws_caller_identity";

    private DataAwsCallerIdentity(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Map.of();
    }

    public String getAccountId() {
        return getStringAttribute("account_id");
    }

    public String getArn() {
        return getStringAttribute("arn");
    }

    public String getUserId() {
        return getStringAttribute("user_id");
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        public Builder provider(TerraformProvider value) {
            meta.provider(value);
            return this;
        }

        public DataAwsCallerIdentity build() {
            return new DataAwsCallerIdentity(this);
        }
    }
}
