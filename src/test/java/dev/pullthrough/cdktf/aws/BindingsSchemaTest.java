package dev.pullthrough.cdktf.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import dev.pullthrough.testing.cdktf.ProviderSchema;
import dev.pullthrough.testing.cdktf.Synth;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.constructs.Construct;

/**
 * Every attribute and block name the bindings emit, and every attribute their getters reference, exists in the
 * AWS provider schema the bindings claim ({@link AwsProvider#CHECKED_VERSION}); no required attribute is left out.
 */
class BindingsSchemaTest {
    private static final List<Class<? extends Construct>> BINDINGS = List.of(
            EcrPullThroughCacheRule.class, EcrRepositoryCreationTemplate.class, IamPolicy.class,
            IamRolePolicyAttachment.class, VpcEndpoint.class, SecurityGroup.class, SecurityGroupRule.class,
            EcrRegistryPolicy.class, DataAwsCallerIdentity.class, DataAwsRegion.class, DataAwsPartition.class,
            DataAwsVpc.class);

    private static ProviderSchema schema;
    private static JsonNode everything;

    @BeforeAll
    static void synthesizeEveryBindingFullyPopulated() throws Exception {
        schema = ProviderSchema.aws(AwsProvider.CHECKED_VERSION);
        App app = Synth.app();
        TerraformStack stack = new TerraformStack(app, "all-bindings");
        AwsProvider.Builder.create(stack, "aws").region("eu-west-1").profile("ci").alias("main")
                .allowedAccountIds(List.of("123456789012")).defaultTags(Map.of("team", "platform")).build();
        AwsProvider plain = AwsProvider.Builder.create(stack, "aws-plain").region("eu-west-1").build();
        List<Construct> made = new ArrayList<>();
        made.add(EcrPullThroughCacheRule.Builder.create(stack, "rule").provider(plain)
                .ecrRepositoryPrefix("ecr-upstream").upstreamRegistryUrl("210987654321.dkr.ecr.eu-west-1.amazonaws.com")
                .credentialArn("arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/x")
                .customRoleArn("arn:aws:iam::123456789012:role/ecr-ptc").upstreamRepositoryPrefix("team")
                .build());
        made.add(EcrRepositoryCreationTemplate.Builder.create(stack, "template").provider(plain)
                .prefix("ecr-upstream").appliedFor(List.of("PULL_THROUGH_CACHE")).description("cache")
                .imageTagMutability("MUTABLE").lifecyclePolicy("{\"rules\":[]}").repositoryPolicy("{}")
                .customRoleArn("arn:aws:iam::123456789012:role/ecr-templates")
                .encryptionConfiguration(List.of(EcrRepositoryCreationTemplate.EncryptionConfiguration.builder()
                        .encryptionType("KMS").kmsKey("arn:aws:kms:k").build()))
                .resourceTags(Map.of("cache", "true")).build());
        IamPolicy policy = IamPolicy.Builder.create(stack, "policy").provider(plain).name("runner").path("/ci/")
                .description("d").policy("{}").tags(Map.of("a", "b")).build();
        made.add(policy);
        made.add(IamPolicy.Builder.create(stack, "policy-prefixed").provider(plain).namePrefix("runner-")
                .policy("{}").build());
        made.add(IamRolePolicyAttachment.Builder.create(stack, "attach").provider(plain).role("runner-role")
                .policyArn(policy.getArn()).build());
        made.add(VpcEndpoint.Builder.create(stack, "endpoint").provider(plain).vpcId("vpc-1")
                .serviceName("com.amazonaws.eu-west-1.ecr.dkr").vpcEndpointType("Interface")
                .subnetIds(List.of("subnet-1")).securityGroupIds(List.of("sg-1")).routeTableIds(List.of("rtb-1"))
                .privateDnsEnabled(true).policy("{}").tags(Map.of("a", "b")).build());
        SecurityGroup group = SecurityGroup.Builder.create(stack, "group").provider(plain).namePrefix("ecr-")
                .description("HTTPS to the ECR endpoints").vpcId("vpc-1").revokeRulesOnDelete(true)
                .egress(List.of(SecurityGroup.Egress.builder().fromPort(0).toPort(0).protocol("-1")
                        .cidrBlocks(List.of("0.0.0.0/0")).build()))
                .timeouts(SecurityGroup.Timeouts.builder().create("5m").build())
                .tags(Map.of("a", "b")).build();
        made.add(group);
        made.add(SecurityGroupRule.Builder.create(stack, "https").provider(plain).type("ingress")
                .securityGroupId(group.getId()).protocol("tcp").fromPort(443).toPort(443)
                .cidrBlocks(List.of("10.0.0.0/16")).description("HTTPS").build());
        made.add(EcrRegistryPolicy.Builder.create(stack, "registry-policy").provider(plain).policy("{}").build());
        made.add(DataAwsVpc.Builder.create(stack, "vpc").provider(plain)
                .filter(List.of(DataAwsVpc.Filter.builder().name("tag:Name").values(List.of("ci")).build()))
                .build());
        made.add(DataAwsCallerIdentity.Builder.create(stack, "me").provider(plain).build());
        made.add(DataAwsRegion.Builder.create(stack, "region").provider(plain).name("eu-west-1").build());
        made.add(DataAwsPartition.Builder.create(stack, "partition").provider(plain).build());
        for (Construct binding : made) {
            exposeEveryGetter(stack, binding);
        }
        everything = Synth.stack(stack);
    }

    /** Each public String getter of a binding (except the *Input echoes) becomes an output, so its reference is checked. */
    private static void exposeEveryGetter(TerraformStack stack, Construct binding) throws Exception {
        for (Method m : binding.getClass().getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == 0 && m.getReturnType() == String.class
                    && m.getName().startsWith("get") && !m.getName().endsWith("Input")) {
                TerraformOutput.Builder.create(stack, binding.getNode().getId() + "-" + m.getName())
                        .value(m.invoke(binding)).build();
            }
        }
    }

    @Test
    void synth_everyBindingFullyPopulated_matchesProviderSchema() {
        assertThat(schema.check(everything)).as(Synth.pretty(everything)).isEmpty();
    }

    @Test
    void synth_everyBindingType_isInTheStackAndTheSchema() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (Class<? extends Construct> binding : BINDINGS) {
            expected.add((String) binding.getField("TF_RESOURCE_TYPE").get(null));
        }
        Set<String> synthesized = new TreeSet<>();
        everything.path("resource").fieldNames().forEachRemaining(synthesized::add);
        everything.path("data").fieldNames().forEachRemaining(synthesized::add);
        assertThat(synthesized).isEqualTo(expected);
    }

    @Test
    void getters_everyReferencedAttribute_existsInSchema() {
        List<Synth.Reference> refs = Synth.references(everything);
        assertThat(refs).hasSizeGreaterThan(20);
        assertThat(refs).allSatisfy(ref -> assertThat(schema.hasAttribute(ref.dataSource(), ref.type(), ref.attribute()))
                .as("%s is an attribute of %s in aws provider %s", ref.attribute(), ref.type(),
                        AwsProvider.CHECKED_VERSION)
                .isTrue());
    }

    @Test
    void synth_provider_declaresSourceAndVersionConstraint() {
        JsonNode aws = everything.path("terraform").path("required_providers").path("aws");
        assertThat(aws.path("source").asText()).isEqualTo("hashicorp/aws");
        assertThat(aws.path("version").asText()).isEqualTo(AwsProvider.VERSION_CONSTRAINT);
        JsonNode providers = everything.path("provider").path("aws");
        assertThat(providers).hasSize(2);
        assertThat(providers.get(0).path("alias").asText()).isEqualTo("main");
        assertThat(providers.get(0).path("default_tags").get(0).path("tags").path("team").asText()).isEqualTo("platform");
    }

    @Test
    void check_unknownAttributeAndMissingRequired_reportsBoth() {
        JsonNode bad = Synth.parse("""
                {"resource": {"aws_ecr_pull_through_cache_rule": {"r": {"ecr_repository_prefix": "x",
                  "upstream_registry": "quay.io"}}},
                 "data": {"aws_partition": {"p": {"partition": "aws"}}}}
                """);
        assertThat(schema.check(bad)).containsExactlyInAnyOrder(
                "aws_ecr_pull_through_cache_rule.r.upstream_registry: no such attribute or block in aws provider "
                        + AwsProvider.CHECKED_VERSION,
                "aws_ecr_pull_through_cache_rule.r: required attribute upstream_registry_url is missing",
                "data.aws_partition.p.partition: read-only (computed) attribute set");
    }

    @Test
    void build_requiredArgumentMissing_throwsNamingIt() {
        App app = Synth.app();
        TerraformStack stack = new TerraformStack(app, "missing");
        assertThatThrownBy(() -> EcrPullThroughCacheRule.Builder.create(stack, "r").ecrRepositoryPrefix("quay").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aws_ecr_pull_through_cache_rule \"r\": required argument upstream_registry_url is not set");
        assertThatThrownBy(() -> EcrRepositoryCreationTemplate.Builder.create(stack, "t").prefix("quay").build())
                .hasMessageContaining("applied_for");
        assertThatThrownBy(() -> IamRolePolicyAttachment.Builder.create(stack, "a").role("r").build())
                .hasMessageContaining("policy_arn");
        assertThatThrownBy(() -> VpcEndpoint.Builder.create(stack, "e").serviceName("s").build())
                .hasMessageContaining("vpc_id");
    }
}
