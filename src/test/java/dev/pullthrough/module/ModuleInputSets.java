package dev.pullthrough.module;

import dev.pullthrough.testing.terraform.InputSet;

import java.util.List;
import java.util.Map;

/**
 * Realistic inputs per generated module, as a user would pass them. Every set gives account_id/region/partition (or
 * whatever makes the module need no data source), so plans run offline without any AWS call.
 */
final class ModuleInputSets {
    static final String ACCOUNT = "123456789012";

    private ModuleInputSets() {
    }

    /** The input sets of a module by its name; every module of the ARCHITECTURE.md table has some. */
    static List<InputSet> forModule(String module) {
        return switch (module) {
            case GeneratedModulePaths.ENDPOINTS -> endpoints();
            default -> throw new IllegalArgumentException("no input sets for module " + module);
        };
    }

    static List<InputSet> endpoints() {
        Map<String, Object> vpc = Map.of(
                "vpc_id", "vpc-0123456789abcdef0",
                "subnet_ids", List.of("subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"),
                "route_table_ids", List.of("rtb-0aaaaaaaaaaaaaaaa"),
                "ingress_cidr_blocks", List.of("10.20.0.0/16"),
                "region", "us-east-1",
                "partition", "aws");
        return List.of(
                InputSet.of("all-endpoints", vpc).with("tags", Map.of("team", "ci")),
                InputSet.of("china-own-security-group", vpc).with("region", "cn-north-1").with("partition", "aws-cn")
                        .with("create_security_group", false).with("security_group_ids", List.of("sg-0123456789abcdef0")),
                InputSet.of("s3-gateway-only", vpc).with("create_ecr_api_endpoint", false)
                        .with("create_ecr_dkr_endpoint", false));
    }
}
