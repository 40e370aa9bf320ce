package dev.pullthrough.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformPlan;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ecr-private-endpoints makes no AWS call when region, partition and CIDR blocks are given (issue 11): planned with
 * the offline provider's fake keys and every proxy pointed at a closed loopback port, so any request the provider
 * tried would fail the plan; the plan reads no data source at all and still names the services and the CIDRs.
 */
class EndpointsModuleOfflinePlanTest {
    /** Nothing listens on the discard port of loopback here: a request through it fails at once. */
    private static final String NO_NETWORK = "http://127.0.0.1:9";

    @Test
    void plan_regionPartitionAndCidrsGiven_noDataSourceAndNoNetwork() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        for (String proxy : List.of("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy")) {
            environment.put(proxy, NO_NETWORK);
        }
        environment.remove("NO_PROXY");
        environment.remove("no_proxy");
        TerraformOptions options = TerraformOptions.builder(TerraformOptions.projectDirFromSystemProperty(),
                        "modules-out/hcl/" + EcrPrivateEndpointsModule.NAME)
                .label("endpoints-offline")
                .environment(environment)
                .variables(Map.of(
                        "vpc_id", "vpc-0123456789abcdef0",
                        "subnet_ids", List.of("subnet-0aaaaaaaaaaaaaaaa"),
                        "route_table_ids", List.of("rtb-0aaaaaaaaaaaaaaaa"),
                        "ingress_cidr_blocks", List.of("10.1.0.0/16"),
                        "region", "eu-central-1",
                        "partition", "aws"))
                .build();
        try (TerraformWorkspace ws = TerraformWorkspace.create(options)) {
            TerraformPlan plan = ws.initAndPlan();

            assertThat(plan.resourceChanges()).as("no data source is deferred to apply").allMatch(r -> r.isManaged());
            // A data source read at plan time lands in the prior state, not in resource_changes; local ones such as
            // aws_region make no request, so only this list catches them. Naming them makes a failure say which.
            assertThat(plan.raw().path("prior_state").path("values").path("root_module").path("resources")
                    .findValuesAsText("address"))
                    .as("data sources read although region, partition and CIDRs were given").isEmpty();
            assertThat(plan.resource("aws_vpc_endpoint.interface[\"ecr.dkr\"]").after().path("service_name").asText())
                    .isEqualTo("com.amazonaws.eu-central-1.ecr.dkr");
            assertThat(plan.resource("aws_security_group_rule.https[0]").after().path("cidr_blocks"))
                    .extracting(n -> n.asText()).containsExactly("10.1.0.0/16");
        }
    }
}
