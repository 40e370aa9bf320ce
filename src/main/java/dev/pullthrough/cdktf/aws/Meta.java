package dev.pullthrough.cdktf.aws;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformProviderGeneratorMetadata;
import com.hashicorp.cdktf.TerraformResourceConfig;
import java.util.List;

/**
 * The Terraform meta-arguments every binding accepts (provider, depends_on), and the generator metadata that ties
 * the bindings to the provider versions they work with. (No providerVersion here: cdktf would pin that exact
 * version in required_providers, as the prebuilt provider pins 5.23.1.)
 */
final class Meta {
    static final TerraformProviderGeneratorMetadata GENERATOR = TerraformProviderGeneratorMetadata.builder()
            .providerName(AwsProvider.PROVIDER_NAME)
            .providerVersionConstraint(AwsProvider.VERSION_CONSTRAINT)
            .build();

    private TerraformProvider provider;
    private List<ITerraformDependable> dependsOn = List.of();

    void provider(TerraformProvider value) {
        this.provider = value;
    }

    void dependsOn(List<? extends ITerraformDependable> value) {
        this.dependsOn = List.copyOf(value);
    }

    TerraformResourceConfig config(String terraformType) {
        TerraformResourceConfig.Builder builder = TerraformResourceConfig.builder()
                .terraformResourceType(terraformType)
                .terraformGeneratorMetadata(GENERATOR);
        if (provider != null) {
            builder.provider(provider);
        }
        if (!dependsOn.isEmpty()) {
            builder.dependsOn(dependsOn);
        }
        return builder.build();
    }
}
