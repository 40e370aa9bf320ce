// Generated from the hashicorp/aws 5.100.0 provider schema (src/codegen) by BindingsGenerator.
// Do not edit: change src/codegen/aws-bindings.list and run bin/generate-bindings.
package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/** Binding for the data source {@code aws_region} (hashicorp/aws 5.100.0). */
public final class DataAwsRegion extends TerraformDataSource {
    public static final String TF_RESOURCE_TYPE = "aws_region";

    private final String endpoint;
    private final String name;

    private DataAwsRegion(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
        this.endpoint = b.endpoint;
        this.name = b.name;
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .put("endpoint", endpoint)
                .put("name", name)
                .toMap();
    }

    /** The value given to the builder, or null. */
    public String getEndpointInput() {
        return endpoint;
    }

    /** The value given to the builder, or null. */
    public String getNameInput() {
        return name;
    }

    /** A token for the {@code description} the plan or state has. */
    public String getDescription() {
        return getStringAttribute("description");
    }

    /** A token for the {@code endpoint} the plan or state has. */
    public String getEndpoint() {
        return getStringAttribute("endpoint");
    }

    /** A token for the {@code id} the plan or state has. */
    public String getId() {
        return getStringAttribute("id");
    }

    /** A token for the {@code name} the plan or state has. */
    public String getName() {
        return getStringAttribute("name");
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final Meta meta = new Meta();
        private String endpoint;
        private String name;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        public Builder endpoint(String value) {
            this.endpoint = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
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

        public DataAwsRegion build() {
            return new DataAwsRegion(this);
        }
    }
}
