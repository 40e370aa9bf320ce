package dev.pullthrough.module;

import dev.pullthrough.testing.terraform.PlanAssert;
import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformPlan;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import org.junit.jupiter.api.Test;

import static dev.pullthrough.module.GeneratedModulePaths.ENDPOINTS;
import static dev.pullthrough.module.GeneratedModulePaths.sourceFromTwoDeep;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated modules as a parent configuration uses them: called with for_each (which a module with its own
 * provider block could not be), and switched off by their create toggles - then the plan is empty and every output
 * is null (or empty), not an error.
 */
class ModuleConsumerViewIT {
    private static TerraformOptions.Builder scratch(String name, String mainTf) {
        return TerraformOptions.builder(TerraformOptions.projectDirFromSystemProperty(), "scratch/" + name)
                .file("main.tf", mainTf);
    }

    @Test
    void forEach_parentCallsModulePerKey_eachInstancePlanned() {
        String main = """
                locals {
                  vpcs = {
                    blue  = { vpc_id = "vpc-0aaaaaaaaaaaaaaaa", subnets = ["subnet-0aaaaaaaaaaaaaaaa"], route_tables = ["rtb-0aaaaaaaaaaaaaaaa"] }
                    green = { vpc_id = "vpc-0bbbbbbbbbbbbbbbb", subnets = ["subnet-0bbbbbbbbbbbbbbbb"], route_tables = ["rtb-0bbbbbbbbbbbbbbbb"] }
                  }
                }

                module "endpoints" {
                  source   = "%s"
                  for_each = local.vpcs

                  vpc_id              = each.value.vpc_id
                  subnet_ids          = each.value.subnets
                  route_table_ids     = each.value.route_tables
                  ingress_cidr_blocks = ["10.0.0.0/8"]
                  region              = "eu-west-1"
                  partition           = "aws"
                }

                output "endpoint_ids" {
                  value = { for k, m in module.endpoints : k => m.endpoint_ids }
                }
                """.formatted(sourceFromTwoDeep("hcl", ENDPOINTS));
        try (TerraformWorkspace ws = TerraformWorkspace.create(scratch("consumer-for-each", main).build())) {
            TerraformPlan plan = ws.initAndPlan();
            for (String key : new String[] {"blue", "green"}) {
                String m = "module.endpoints[\"" + key + "\"].";
                PlanAssert.assertThat(plan).as("for_each key " + key)
                        .hasResource(m + "aws_vpc_endpoint.interface[\"ecr.api\"]")
                        .hasResource(m + "aws_vpc_endpoint.interface[\"ecr.dkr\"]")
                        .hasResource(m + "aws_vpc_endpoint.s3[0]")
                        .attributeEquals(m + "aws_vpc_endpoint.s3[0]", "service_name", "com.amazonaws.eu-west-1.s3")
                        .attributeEquals(m + "aws_vpc_endpoint.s3[0]", "vpc_id",
                                key.equals("blue") ? "vpc-0aaaaaaaaaaaaaaaa" : "vpc-0bbbbbbbbbbbbbbbb");
            }
            assertThat(plan.resourceAddresses()).hasSize(2 * 5);
            assertThat(plan.output("endpoint_ids").get("blue").get("s3").isUnknown()).isTrue();
        }
    }

    @Test
    void createTogglesOff_bothForms_emptyPlanAndNullSafeOutputs() {
        StringBuilder main = new StringBuilder();
        for (String form : GeneratedModulePaths.FORMS) {
            main.append("""
                    module "endpoints_%1$s" {
                      source = "%2$s"

                      vpc_id                  = "vpc-0123456789abcdef0"
                      create_ecr_api_endpoint = false
                      create_ecr_dkr_endpoint = false
                      create_s3_endpoint      = false
                      region                  = "us-east-1"
                      partition               = "aws"
                    }

                    output "endpoints_%1$s" {
                      value = module.endpoints_%1$s
                    }
                    """.formatted(form, sourceFromTwoDeep(form, ENDPOINTS)));
        }
        try (TerraformWorkspace ws = TerraformWorkspace.create(scratch("consumer-toggled-off", main.toString()).build())) {
            TerraformPlan plan = ws.initAndPlan();
            PlanAssert.assertThat(plan).hasNoChanges();
            for (String form : GeneratedModulePaths.FORMS) {
                var outputs = plan.output("endpoints_" + form);
                assertThat(outputs.isFullyKnown()).as(form + " outputs known at plan time").isTrue();
                assertThat(outputs.get("ecr_api_endpoint_id").isNull()).isTrue();
                assertThat(outputs.get("ecr_dkr_endpoint_id").isNull()).isTrue();
                assertThat(outputs.get("s3_endpoint_id").isNull()).isTrue();
                assertThat(outputs.get("security_group_id").isNull()).isTrue();
                assertThat(outputs.get("endpoint_ids").json()).as(form + " endpoint_ids").isEmpty();
            }
        }
    }
}
