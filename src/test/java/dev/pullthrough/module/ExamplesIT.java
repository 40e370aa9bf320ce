package dev.pullthrough.module;

import dev.pullthrough.testing.terraform.PlanAssert;
import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformPlan;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every folder under examples/ is a test: copied as it is (with the modules it sources), planned offline with the
 * real AWS provider and given account/region/partition, and its plan asserted - resource addresses, the policy's
 * statements and resources, the runner environment.
 */
class ExamplesIT {
    private static TerraformOptions.Builder example(String name) {
        return TerraformOptions.builder(TerraformOptions.projectDirFromSystemProperty(), "examples/" + name);
    }

    @Test
    void privateSubnets_plansVpcSubnetsAndAllThreeEndpoints() {
        try (TerraformWorkspace ws = TerraformWorkspace.create(example("private-subnets")
                .variable("region", "eu-west-1").variable("partition", "aws").build())) {
            TerraformPlan plan = ws.initAndPlan();
            PlanAssert.assertThat(plan).hasExactlyResources(
                    "aws_vpc.runners",
                    "aws_subnet.private[\"eu-west-1a\"]",
                    "aws_subnet.private[\"eu-west-1b\"]",
                    "aws_route_table.private",
                    "aws_route_table_association.private[\"eu-west-1a\"]",
                    "aws_route_table_association.private[\"eu-west-1b\"]",
                    "module.endpoints.aws_security_group.this[0]",
                    "module.endpoints.aws_security_group_rule.https[0]",
                    "module.endpoints.aws_vpc_endpoint.interface[\"ecr.api\"]",
                    "module.endpoints.aws_vpc_endpoint.interface[\"ecr.dkr\"]",
                    "module.endpoints.aws_vpc_endpoint.s3[0]")
                    .attributeEquals("aws_vpc.runners", "enable_dns_hostnames", true)
                    .attributeEquals("aws_subnet.private[\"eu-west-1b\"]", "cidr_block", "10.20.16.0/20")
                    .attributeEquals("module.endpoints.aws_vpc_endpoint.interface[\"ecr.dkr\"]", "service_name",
                            "com.amazonaws.eu-west-1.ecr.dkr")
                    .attributeEquals("module.endpoints.aws_vpc_endpoint.interface[\"ecr.dkr\"]", "private_dns_enabled", true)
                    .attributeEquals("module.endpoints.aws_vpc_endpoint.interface[\"ecr.api\"]", "vpc_endpoint_type", "Interface")
                    .attributeEquals("module.endpoints.aws_vpc_endpoint.s3[0]", "service_name", "com.amazonaws.eu-west-1.s3")
                    .attributeEquals("module.endpoints.aws_vpc_endpoint.s3[0]", "vpc_endpoint_type", "Gateway")
                    .attributeEquals("module.endpoints.aws_security_group_rule.https[0]", "cidr_blocks", List.of("10.20.0.0/16"))
                    .attributeEquals("module.endpoints.aws_security_group_rule.https[0]", "from_port", 443)
                    // The subnets and route table do not exist yet: their ids reach the endpoints only at apply.
                    .attributeUnknownAfterApply("module.endpoints.aws_vpc_endpoint.s3[0]", "route_table_ids")
                    .outputUnknownAfterApply("vpc_id");
            assertThat(plan.output("endpoint_ids").isFullyKnown()).isFalse();
        }
    }
}
