package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformProvider;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/** Binding for the {@code aws_partition} data source: the partition id and its DNS suffix. */
public final class DataAwsPartition extends TerraformDataSource {
    public static final String TF_RESOURCE_TYPE = "aws_partition";

    private DataAwsPartition(Builder b) {
        super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));
    }

    @Override
    protected Map<String, Object> synthesizeAttributes() {
        return Map.of();
    }

    /** {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
    public String getPartition() {
        return getStringAttribute("partition");
    }

    public String getDnsSuffix() {
        return getStringAttribute("dns_suffix");
    }

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

        public DataAwsPartition build() {
            return new DataAwsPartition(this);
        }
    }
}
