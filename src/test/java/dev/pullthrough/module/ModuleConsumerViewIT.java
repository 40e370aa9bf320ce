package dev.pullthrough.module;

import dev.pullthrough.testing.terraform.PlanAssert;
import dev.pullthrough.testing.terraform.PolicySemantics;
import dev.pullthrough.testing.terraform.PlannedValue;
import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformPlan;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.pullthrough.module.GeneratedModulePaths.ACCESS;
import static dev.pullthrough.module.GeneratedModulePaths.CACHE;
import static dev.pullthrough.module.GeneratedModulePaths.ENDPOINTS;
import static dev.pullthrough.module.GeneratedModulePaths.FORMS;
import static dev.pullthrough.module.GeneratedModulePaths.RUNNER;
import static dev.pullthrough.module.GeneratedModulePaths.sourceFromTwoDeep;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated modules as a parent configuration uses them: called with for_each (which a module with its own
 * provider block could not be), and switched off (create toggles false, or no rules) - then the plan is empty and
 * every output is known at plan time and null or empty, not an error. One parent per scenario covers every module,
 * in both forms for the toggles.
 */
class ModuleConsumerViewIT {
    private static TerraformOptions.Builder scratch(String name, String mainTf) {
        return TerraformOptions.builder(TerraformOptions.projectDirFromSystemProperty(), "scratch/" + name)
                .file("main.tf", mainTf);
    }

    @Test
    void forEach_parentCallsEachModulePerKey_everyInstancePlanned() {
        String main = """
                locals {
                  vpcs = {
                    blue  = { vpc_id = "vpc-0aaaaaaaaaaaaaaaa", subnets = ["subnet-0aaaaaaaaaaaaaaaa"], route_tables = ["rtb-0aaaaaaaaaaaaaaaa"] }
                    green = { vpc_id = "vpc-0bbbbbbbbbbbbbbbb", subnets = ["subnet-0bbbbbbbbbbbbbbbb"], route_tables = ["rtb-0bbbbbbbbbbbbbbbb"] }
                  }
                  teams = {
                    web  = { ecr_repository_prefix = "web/ecr-public", upstream_registry_url = "public.ecr.aws" }
                    data = { ecr_repository_prefix = "data/quay", upstream_registry_url = "quay.io" }
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

                module "cache" {
                  source   = "%s"
                  for_each = local.teams

                  rules      = { (each.key) = each.value }
                  account_id = "123456789012"
                  region     = "eu-west-1"
                  partition  = "aws"
                }

                # One policy per team, each attached to that team's runner role.
                module "access" {
                  source   = "%s"
                  for_each = module.cache

                  ecr_pull_through_cache_rules = each.value.ecr_pull_through_cache_rules
                  role_names                   = ["${each.key}-runner"]
                  policy_name                  = "${each.key}-ecr-pull-through"
                  account_id                   = "123456789012"
                  region                       = "eu-west-1"
                  partition                    = "aws"
                }

                module "runner" {
                  source   = "%s"
                  for_each = local.teams

                  ecr_pull_through_cache_rules = { (each.key) = each.value }
                  account_id                   = "123456789012"
                  region                       = "eu-west-1"
                  partition                    = "aws"
                }

                output "endpoint_ids" {
                  value = { for k, m in module.endpoints : k => m.endpoint_ids }
                }

                output "runner_environments" {
                  value = { for k, m in module.runner : k => m.runner_environment }
                }

                output "repository_url_prefixes" {
                  value = merge([for k, m in module.cache : m.repository_url_prefixes]...)
                }
                """.formatted(sourceFromTwoDeep("hcl", ENDPOINTS), sourceFromTwoDeep("hcl", CACHE),
                sourceFromTwoDeep("hcl", ACCESS), sourceFromTwoDeep("hcl", RUNNER));
        try (TerraformWorkspace ws = TerraformWorkspace.create(scratch("consumer-for-each", main).build())) {
            TerraformPlan plan = ws.initAndPlan();
            for (String key : List.of("blue", "green")) {
                String m = "module.endpoints[\"" + key + "\"].";
                PlanAssert.assertThat(plan).as("endpoints for_each key " + key)
                        .hasResource(m + "aws_vpc_endpoint.interface[\"ecr.api\"]")
                        .hasResource(m + "aws_vpc_endpoint.interface[\"ecr.dkr\"]")
                        .attributeEquals(m + "aws_vpc_endpoint.s3[0]", "service_name", "com.amazonaws.eu-west-1.s3")
                        .attributeEquals(m + "aws_vpc_endpoint.s3[0]", "vpc_id",
                                key.equals("blue") ? "vpc-0aaaaaaaaaaaaaaaa" : "vpc-0bbbbbbbbbbbbbbbb");
            }
            assertThat(plan.output("endpoint_ids").get("blue").get("s3").isUnknown()).isTrue();
            for (String key : List.of("web", "data")) {
                String m = "module.cache[\"" + key + "\"].";
                PlanAssert.assertThat(plan).as("cache for_each key " + key)
                        .attributeEquals(m + "aws_ecr_pull_through_cache_rule.this[\"" + key + "\"]",
                                "ecr_repository_prefix", key + (key.equals("web") ? "/ecr-public" : "/quay"))
                        .hasResource(m + "aws_ecr_repository_creation_template.this[\"" + key + "\"]");
            }
            PlanAssert.assertThat(plan).outputEquals("repository_url_prefixes", Map.of(
                    "web", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web/ecr-public",
                    "data", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/data/quay"));
            for (String key : List.of("web", "data")) {
                String m = "module.access[\"" + key + "\"].";
                PlanAssert.assertThat(plan).as("access for_each key " + key)
                        .attributeEquals(m + "aws_iam_policy.this[0]", "name", key + "-ecr-pull-through")
                        .attributeEquals(m + "aws_iam_role_policy_attachment.this[\"" + key + "-runner\"]", "role", key + "-runner");
            }
            PlanAssert.assertThat(plan).outputEquals("runner_environments", Map.of(
                    "web", Map.of("RUNS_ON_ECR_PULL_THROUGH_CACHE", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"),
                    "data", Map.of("RUNS_ON_ECR_PULL_THROUGH_CACHE", "123456789012.dkr.ecr.eu-west-1.amazonaws.com")));
            assertThat(plan.resourceAddresses()).hasSize(2 * 5 + 2 * 2 + 2 * 2);
        }
    }

    @Test
    void togglesOff_everyModuleBothForms_emptyPlanAndNullSafeOutputs() {
        StringBuilder main = new StringBuilder();
        for (String form : FORMS) {
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

                    module "cache_%1$s" {
                      source = "%3$s"

                      rules      = {}
                      account_id = "123456789012"
                      region     = "us-east-1"
                      partition  = "aws"
                    }

                    module "access_%1$s" {
                      source = "%4$s"

                      ecr_pull_through_cache_rules = {}
                      create_policy                = false
                      account_id                   = "123456789012"
                      region                       = "us-east-1"
                      partition                    = "aws"
                    }

                    module "runner_%1$s" {
                      source = "%5$s"

                      ecr_pull_through_cache_rules = {}
                      account_id                   = "123456789012"
                      region                       = "us-east-1"
                      partition                    = "aws"
                    }

                    output "endpoints_%1$s" {
                      value = module.endpoints_%1$s
                    }

                    output "access_%1$s" {
                      value = module.access_%1$s
                    }

                    output "runner_%1$s" {
                      value = module.runner_%1$s
                    }

                    output "cache_%1$s" {
                      value = module.cache_%1$s
                    }
                    """.formatted(form, sourceFromTwoDeep(form, ENDPOINTS), sourceFromTwoDeep(form, CACHE),
                    sourceFromTwoDeep(form, ACCESS), sourceFromTwoDeep(form, RUNNER)));
        }
        try (TerraformWorkspace ws = TerraformWorkspace.create(scratch("consumer-toggled-off", main.toString()).build())) {
            TerraformPlan plan = ws.initAndPlan();
            PlanAssert.assertThat(plan).hasNoChanges();
            for (String form : FORMS) {
                PlannedValue endpoints = known(plan, "endpoints_" + form);
                for (String output : List.of("ecr_api_endpoint_id", "ecr_dkr_endpoint_id", "s3_endpoint_id", "security_group_id")) {
                    assertThat(endpoints.get(output).isNull()).as(form + " endpoints " + output + " is null").isTrue();
                }
                assertThat(endpoints.get("endpoint_ids").json()).as(form + " endpoint_ids").isEmpty();

                PlannedValue cache = known(plan, "cache_" + form);
                assertThat(cache.get("ecr_pull_through_cache_rules").json()).as(form + " cache rules").isEmpty();
                assertThat(cache.get("repository_template_prefixes").json()).isEmpty();
                assertThat(cache.get("repository_url_prefixes").json()).isEmpty();
                assertThat(cache.get("registry_host").text()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com");

                for (String module : List.of("access_" + form, "runner_" + form)) {
                    PlannedValue m = known(plan, module);
                    assertThat(m.get("policy_arn").isNull()).as(module + " policy_arn").isTrue();
                    assertThat(m.get("policy_name").isNull()).as(module + " policy_name").isTrue();
                    assertThat(m.get("attached_role_names").json()).as(module + " attached_role_names").isEmpty();
                    // The document is still rendered (only the token statement), for callers that attach it themselves.
                    assertThat(PolicySemantics.grantsBySid(m.get("policy_json").text()))
                            .as(module + " policy_json").containsOnlyKeys("EcrAuthorizationToken");
                }
                PlannedValue runner = known(plan, "runner_" + form);
                assertThat(runner.get("runner_environment").json()).as("runner_environment").isEmpty();
                assertThat(runner.get("runner_extras").json()).as("runner_extras").isEmpty();
                assertThat(runner.get("docker_hub_mirror").json().asBoolean(true)).isFalse();
                assertThat(runner.get("docker_hub_prefix").isNull()).isTrue();
            }
        }
    }

    private static PlannedValue known(TerraformPlan plan, String output) {
        PlannedValue value = plan.output(output);
        assertThat(value.isFullyKnown()).as(output + " outputs known at plan time").isTrue();
        return value;
    }
}
