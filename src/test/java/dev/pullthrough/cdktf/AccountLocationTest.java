package dev.pullthrough.cdktf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.TerraformVariable;
import dev.pullthrough.model.InvalidCoordinatesException;
import dev.pullthrough.model.Partition;
import dev.pullthrough.testing.cdktf.Synth;
import org.junit.jupiter.api.Test;

/** Given values are used as is (validated when literal); only missing ones are looked up. */
class AccountLocationTest {

    @Test
    void check_malformedLiteralAccount_throwsNamingField() {
        assertThatThrownBy(() -> AccountLocation.check(new AccountLocation.Given("12345", "us-east-1", null), true))
                .isInstanceOfSatisfying(InvalidCoordinatesException.class,
                        e -> assertThat(e.getMessage()).contains("account_id").contains("12345"));
    }

    @Test
    void check_malformedLiteralRegion_throwsNamingField() {
        assertThatThrownBy(() -> AccountLocation.check(new AccountLocation.Given("123456789012", "Europe", null), true))
                .isInstanceOf(InvalidCoordinatesException.class).hasMessageContaining("Europe");
    }

    @Test
    void check_govCloudWithoutPullThroughNeed_accepted() {
        AccountLocation.check(new AccountLocation.Given(null, "us-gov-west-1", null), false);
    }

    @Test
    void resolve_tokenAccountAndRegion_usedAsIsWithoutLookups() {
        TerraformStack stack = Fixtures.stack();
        TerraformVariable account = TerraformVariable.Builder.create(stack, "account_id").type("string").build();
        TerraformVariable region = TerraformVariable.Builder.create(stack, "region").type("string").build();
        EcrPullThroughCache cache = EcrPullThroughCache.Builder.create(stack, "cache").rules(Fixtures.named())
                .accountId(account.getStringValue()).region(region.getStringValue()).partition(Partition.AWS).build();
        TerraformOutput.Builder.create(stack, "host").value(cache.getRegistryHost()).build();
        JsonNode json = Synth.stack(stack);
        assertThat(json.has("data")).isFalse();
        assertThat(json.at("/output/host/value").asText()).isEqualTo("${var.account_id}.dkr.ecr.${var.region}.amazonaws.com");
    }

    @Test
    void endpointServiceName_chinaPartition_usesReverseDnsOfThatPartition() {
        TerraformStack stack = Fixtures.stack();
        EcrPrivateEndpoints made = EcrPrivateEndpoints.Builder.create(stack, "e").vpcId("vpc-1")
                .subnetIds(java.util.List.of("s")).region("cn-north-1").build();
        assertThat(made.getEcrDkrEndpoint().getServiceNameInput()).isEqualTo("cn.com.amazonaws.cn-north-1.ecr.dkr");
    }
}
