package dev.pullthrough.cdktf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
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
                .routeTableIds(List.of("rtb-1")).build();
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
}
