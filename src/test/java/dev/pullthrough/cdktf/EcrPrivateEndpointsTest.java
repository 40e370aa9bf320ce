package dev.pullthrough.cdktf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.TerraformVariable;
import dev.pullthrough.cdktf.aws.VpcEndpoint;
import dev.pullthrough.testing.cdktf.Synth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EcrPrivateEndpointsTest {

    private static Map<String, JsonNode> byService(JsonNode json) {
        return Synth.resources(json, VpcEndpoint.TF_RESOURCE_TYPE).values().stream()
                .collect(Collectors.toMap(e -> e.path("service_name").asText(), e -> e));
    }

    @Test
    void build_givenRegion_ecrInterfacesAndS3Gateway() {
        TerraformStack stack = Fixtures.stack();
        EcrPrivateEndpoints.Builder.create(stack, "endpoints").vpcId("vpc-1").region("eu-west-1")
                .subnetIds(List.of("subnet-a", "subnet-b")).securityGroupIds(List.of("sg-1"))
                .routeTableIds(List.of("rtb-1")).createSecurityGroup(false).build();
        JsonNode json = Synth.stack(stack);
        Map<String, JsonNode> endpoints = byService(json);

        assertThat(endpoints).containsOnlyKeys("com.amazonaws.eu-west-1.ecr.api", "com.amazonaws.eu-west-1.ecr.dkr",
                "com.amazonaws.eu-west-1.s3");
        for (String iface : List.of("com.amazonaws.eu-west-1.ecr.api", "com.amazonaws.eu-west-1.ecr.dkr")) {
            JsonNode e = endpoints.get(iface);
            assertThat(e.path("vpc_endpoint_type").asText()).isEqualTo("Interface");
            assertThat(e.path("private_dns_enabled").asBoolean()).isTrue();
            assertThat(e.path("subnet_ids")).extracting(JsonNode::asText).containsExactly("subnet-a", "subnet-b");
            assertThat(e.path("security_group_ids")).extracting(JsonNode::asText).containsExactly("sg-1");
        }
        JsonNode s3 = endpoints.get("com.amazonaws.eu-west-1.s3");
        assertThat(s3.path("vpc_endpoint_type").asText()).isEqualTo("Gateway");
        assertThat(s3.path("route_table_ids")).extracting(JsonNode::asText).containsExactly("rtb-1");
        assertThat(s3.has("subnet_ids")).isFalse();
        assertThat(json.has("data")).isFalse();
    }

    @Test
    void build_noRegion_serviceNamesFromDataSources() {
        TerraformStack stack = Fixtures.stack();
        EcrPrivateEndpoints.Builder.create(stack, "endpoints").vpcId("vpc-1").subnetIds(List.of("subnet-a")).build();
        JsonNode json = Synth.stack(stack);
        assertThat(byService(json).keySet()).allSatisfy(name -> assertThat(name)
                .matches("\\$\\{data\\.aws_partition\\.[\\w-]+\\.reverse_dns_prefix}\\.\\$\\{data\\.aws_region\\.[\\w-]+\\.name}\\.(ecr\\.api|ecr\\.dkr|s3)"));
        assertThat(json.path("data").has("aws_caller_identity")).as("endpoints need no account").isFalse();
    }

    @Test
    void build_s3GatewayOff_onlyInterfaces() {
        TerraformStack stack = Fixtures.stack();
        EcrPrivateEndpoints made = EcrPrivateEndpoints.Builder.create(stack, "endpoints").vpcId("vpc-1")
                .region("eu-west-1").subnetIds(List.of("subnet-a")).s3Gateway(false).build();
        assertThat(byService(Synth.stack(stack))).hasSize(2);
        assertThat(made.getS3Endpoint()).isNull();
        assertThat(made.getEndpointIds()).containsOnlyKeys("ecr.api", "ecr.dkr");
    }

    @Test
    void build_missingVpcOrSubnets_throws() {
        assertThatThrownBy(() -> EcrPrivateEndpoints.Builder.create(Fixtures.stack(), "e").subnetIds(List.of("s")).build())
                .hasMessageContaining("vpcId");
        assertThatThrownBy(() -> EcrPrivateEndpoints.Builder.create(Fixtures.stack(), "e").vpcId("vpc-1").build())
                .hasMessageContaining("subnetIds");
    }

    @Test
    void build_defaults_securityGroupAdmitsHttpsFromTheVpcCidrLikeTheModule() {
        TerraformStack stack = Fixtures.stack();
        EcrPrivateEndpoints made = EcrPrivateEndpoints.Builder.create(stack, "endpoints").vpcId("vpc-1")
                .region("eu-west-1").subnetIds(List.of("subnet-a")).securityGroupIds(List.of("sg-extra"))
                .routeTableIds(List.of("rtb-1")).build();
        JsonNode json = Synth.stack(stack);

        JsonNode group = Synth.only(json, "aws_security_group");
        assertThat(group.path("vpc_id").asText()).isEqualTo("vpc-1");
        assertThat(group.path("name_prefix").asText()).isEqualTo("ecr-endpoints-");
        JsonNode rule = Synth.only(json, "aws_security_group_rule");
        assertThat(rule.path("type").asText()).isEqualTo("ingress");
        assertThat(rule.path("protocol").asText()).isEqualTo("tcp");
        assertThat(rule.path("from_port").asInt()).isEqualTo(443);
        assertThat(rule.path("to_port").asInt()).isEqualTo(443);
        String groupId = rule.path("security_group_id").asText();
        assertThat(groupId).matches("\\$\\{aws_security_group\\.[\\w-]+\\.id}");
        assertThat(made.getSecurityGroup()).isNotNull();
        JsonNode vpc = Synth.dataSources(json, "aws_vpc").values().iterator().next();
        assertThat(vpc.path("filter").get(0).path("name").asText()).isEqualTo("vpc-id");
        assertThat(vpc.path("filter").get(0).path("values")).extracting(JsonNode::asText).containsExactly("vpc-1");
        assertThat(rule.path("cidr_blocks")).extracting(JsonNode::asText)
                .singleElement().asString().matches("\\$\\{data\\.aws_vpc\\.[\\w-]+\\.cidr_block}");
        for (JsonNode endpoint : List.of(endpointOf(json, "ecr.api"), endpointOf(json, "ecr.dkr"))) {
            assertThat(endpoint.path("security_group_ids")).extracting(JsonNode::asText)
                    .containsExactly(groupId, "sg-extra");
        }
    }

    @Test
    void build_cacheLocationAndGivenCidrs_noLookupAtAll() {
        TerraformStack stack = Fixtures.stack();
        EcrPullThroughCache cache = EcrPullThroughCache.Builder.create(stack, "cache")
                .rules(dev.pullthrough.model.RuleSet.of(Fixtures.ecrPublic(), Fixtures.quay()))
                .accountId(Fixtures.ACCOUNT).region("cn-north-1").build();
        EcrPrivateEndpoints.Builder.create(stack, "endpoints").vpcId("vpc-1").cache(cache)
                .subnetIds(List.of("subnet-a")).routeTableIds(List.of("rtb-1"))
                .ingressCidrBlocks(List.of("10.1.0.0/16", "10.2.0.0/16")).build();
        JsonNode json = Synth.stack(stack);

        assertThat(json.has("data")).as("every value given: no data source").isFalse();
        assertThat(byService(json)).containsOnlyKeys("cn.com.amazonaws.cn-north-1.ecr.api",
                "cn.com.amazonaws.cn-north-1.ecr.dkr", "cn.com.amazonaws.cn-north-1.s3");
        assertThat(Synth.only(json, "aws_security_group_rule").path("cidr_blocks")).extracting(JsonNode::asText)
                .containsExactly("10.1.0.0/16", "10.2.0.0/16");
    }

    @Test
    void build_cidrsFromAListVariable_acceptedAndRenderedAsTheVariable() {
        TerraformStack stack = Fixtures.stack();
        TerraformVariable cidrs = TerraformVariable.Builder.create(stack, "runner_cidr_blocks").type("list(string)").build();
        EcrPrivateEndpoints.Builder.create(stack, "endpoints").vpcId("vpc-1").region("eu-west-1")
                .subnetIds(List.of("subnet-a")).ingressCidrBlocks(cidrs.getListValue()).build();
        JsonNode json = Synth.stack(stack);

        assertThat(Synth.only(json, "aws_security_group_rule").path("cidr_blocks").asText())
                .isEqualTo("${var.runner_cidr_blocks}");
        assertThat(json.has("data")).as("given CIDRs, even as a variable: no aws_vpc lookup").isFalse();
    }

    @Test
    void build_malformedCidr_moduleMessage() {
        TerraformStack stack = Fixtures.stack();
        assertThatThrownBy(() -> EcrPrivateEndpoints.Builder.create(stack, "endpoints").vpcId("vpc-1").region("eu-west-1")
                .subnetIds(List.of("subnet-a")).ingressCidrBlocks(List.of("10.0.0.0/33")).build())
                .hasMessage("ingress_cidr_blocks: every entry must be an IPv4 CIDR block such as 10.0.0.0/16.");
    }

    @Test
    void build_locationTwice_refused() {
        TerraformStack stack = Fixtures.stack();
        AccountLocation location = AccountLocation.of(stack, "location", Fixtures.ACCOUNT, "eu-west-1", null);
        assertThatThrownBy(() -> EcrPrivateEndpoints.Builder.create(stack, "endpoints").vpcId("vpc-1")
                .subnetIds(List.of("subnet-a")).location(location).region("eu-west-1").build())
                .hasMessageContaining("give the location once");
    }

    private static JsonNode endpointOf(JsonNode json, String service) {
        return byService(json).entrySet().stream().filter(e -> e.getKey().endsWith("." + service))
                .findFirst().orElseThrow().getValue();
    }
}
