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

/** Binding for the data source {@code aws_partition} (hashicorp/aws 5.100.0). */
public final class DataAwsPartition extends TerraformDataSource {
    public static final String TF_RESOURCE_TYPE = "aws_partition";

    private DataAwsPartition(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Attributes.create()
                .toMap();
    }

    /** A token for the {@code dns_suffix} the plan or state has. */
    public String getDnsSuffix() {
        return getStringAttribute("dns_suffix");
    }

    /** A token for the {@code id} the plan or state has. */
    public String getId() {
        return getStringAttribute("id");
    }

    /** A token for the {@code partition} the plan or state has. */
    public String getPartition() {
        return getStringAttribute("partition");
    }

    /** A token for the {@code reverse_dns_prefix} the plan or state has. */
    public String getReverseDnsPrefix() {
        return getStringAttribute("reverse_dns_prefix");
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

        public Builder dependsOn(List<? extends ITerraformDependable> value) {
            meta.dependsOn(value);
            return this;
        }

        public DataAwsPartition build() {
            return new DataAwsPartition(this);
        }
    }
}
