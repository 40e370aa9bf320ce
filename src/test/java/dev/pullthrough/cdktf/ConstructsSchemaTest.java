package dev.pullthrough.cdktf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.pullthrough.cdktf.aws.AwsProvider;
import dev.pullthrough.cdktf.example.ExampleStack;
import dev.pullthrough.testing.cdktf.ProviderSchema;
import dev.pullthrough.testing.cdktf.Synth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the constructs synthesize (with every option on, and with lookups) is valid for the provider schema. */
class ConstructsSchemaTest {
    private final ProviderSchema schema = ProviderSchema.aws(AwsProvider.CHECKED_VERSION);

    @Test
    void synth_exampleStack_matchesProviderSchema() {
        TerraformStack stack = new ExampleStack(Synth.app(), "example", ExampleStack.Settings.example());
        JsonNode json = Synth.stack(stack);
        assertThat(schema.check(json)).as(Synth.pretty(json)).isEmpty();
        assertThat(Synth.references(json)).allSatisfy(r ->
                assertThat(schema.hasAttribute(r.dataSource(), r.type(), r.attribute())).as(r.toString()).isTrue());
    }

    @Test
    void synth_everyConstructEveryOptionWithLookups_matchesProviderSchema() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache cache = EcrPullThroughCache.Builder.create(stack, "cache").rules(Fixtures.named())
                .templateCustomRoleArn("arn:aws:iam::123456789012:role/t").kmsKeyArn("arn:aws:kms:eu-west-1:1:key/k")
                .repositoryTags(Map.of("a", "b")).imageTagMutability("IMMUTABLE").build();
        EcrPullThroughCacheAccess.Builder.create(stack, "access").cache(cache).roleNames(List.of("r"))
                .path("/ci/").tags(Map.of("a", "b")).build();
        RunnerFleetPullThrough.Builder.create(stack, "fleet").cache(cache).roleNames(List.of("r2")).build();
        EcrPrivateEndpoints.Builder.create(stack, "endpoints").vpcId("vpc-1").subnetIds(List.of("s"))
                .securityGroupIds(List.of("sg")).routeTableIds(List.of("rtb")).tags(Map.of("a", "b")).build();
        JsonNode json = Synth.stack(stack);
        assertThat(schema.check(json)).as(Synth.pretty(json)).isEmpty();
        List<Synth.Reference> refs = Synth.references(json);
        assertThat(refs).isNotEmpty().allSatisfy(r ->
                assertThat(schema.hasAttribute(r.dataSource(), r.type(), r.attribute())).as(r.toString()).isTrue());
    }
}
