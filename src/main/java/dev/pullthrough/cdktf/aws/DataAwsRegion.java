package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformProvider;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/** Binding for the {@code aws_region} data source: the provider's region unless a name is given. */
public final class DataAwsRegion extends TerraformDataSource {
    public static final String TF_RESOURCE_TYPE = "aws_region";

    private final String name;

    private DataAwsRegion(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.name = b.name;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create().put("name", name).toMap();
    }

    /** The region name, e.g. {@code us-east-1} (provider 5.x attribute; 6.x renames it to region). */
    public String getName() {
        return getStringAttribute("name");
    }

    public String getDescription() {
        return getStringAttribute("description");
    }

    public String getEndpoint() {
        return getStringAttribute("endpoint");
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String name;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Look up this region instead of the provider's. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder provider(TerraformProvider value) {
            meta.provider(value);
            return this;
        }

        public DataAwsRegion build() {
            return new DataAwsRegion(this);
        }
    }
}
