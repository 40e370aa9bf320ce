package dev.pullthrough.bench.baseline;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.TerraformVariable;
import com.hashicorp.cdktf.providers.aws.iam_policy.IamPolicy;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import software.constructs.Construct;

/** Module runner-ecr-pull-through: the RunsOn Fleet/Flex wiring (validated rules, policy, runner environment). */
final class RunnerStack extends TerraformStack {
    RunnerStack(Construct scope, String id) {
        super(scope, id);
        AwsProvider.Builder.create(this, "aws").build();
        Location location = Location.declare(this);
        TerraformVariable.Builder.create(this, "ecr_pull_through_cache_rules")
                .type("map(object({ecr_repository_prefix = string, upstream_registry_url = string, "
                        + "upstream_repository_prefix = optional(string)}))")
                .description("The rules runners pull through (RunsOn's shape).").build();
        TerraformVariable.Builder.create(this, "create_policy").type("bool").defaultValue(true)
                .description("Create the runner IAM policy.").build();
        AccessStack.PolicyStatements.declare(this, location);
        IamPolicy policy = IamPolicy.Builder.create(this, "runner_policy").name("EcrPullThroughCacheAccess")
                .policy("${data.aws_iam_policy_document.runner.json}").build();
        policy.addOverride("count", "${var.create_policy ? 1 : 0}");
        String hub = "[for r in values(var.ecr_pull_through_cache_rules) : r if r.upstream_registry_url == \"registry-1.docker.io\"]";
        TerraformOutput.Builder.create(this, "docker_hub_mirror").value("${length(" + hub + ") > 0}").build();
        TerraformOutput.Builder.create(this, "registry_host").value(location.registryHost()).build();
        TerraformOutput.Builder.create(this, "policy_json").value("${data.aws_iam_policy_document.runner.json}").build();
        TerraformOutput.Builder.create(this, "runner_environment").value("${length(var.ecr_pull_through_cache_rules) == 0 ? {} : merge("
                + "{RUNS_ON_ECR_PULL_THROUGH_CACHE = \"" + location.registryHost() + "\"}, length(" + hub + ") == 0 ? {} : {"
                + "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_MIRROR = \"true\", "
                + "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_PREFIX = " + hub + "[0].ecr_repository_prefix})}").build();
    }
}
