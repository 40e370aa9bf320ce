package com.example.platform;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.TerraformVariable;
import dev.pullthrough.cdktf.EcrPrivateEndpoints;
import dev.pullthrough.cdktf.EcrPullThroughCache;
import dev.pullthrough.cdktf.RunnerFleetPullThrough;
import dev.pullthrough.cdktf.aws.AwsProvider;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The platform team's runner image cache: Docker Hub, ECR Public and registry.k8s.io through ECR, cache repositories
 * that expire after two weeks, the runners' role allowed to pull through them, and private endpoints for runners
 * without a NAT. Network ids and the runner role come in as Terraform variables (strings, like ids from any other
 * construct or the prebuilt provider's resources). Account and region are stated once, on the cache; the runners and
 * the endpoints take them from it, so the stack plans without any AWS lookup.
 */
public class RunnerCacheStack extends TerraformStack {
    static final String ACCOUNT_ID = "111122223333";
    static final String REGION = "eu-central-1";

    public RunnerCacheStack(Construct scope, String id) {
        super(scope, id);
        AwsProvider.Builder.create(this, "aws").region(REGION)
                .defaultTags(Map.of("owner", "platform", "purpose", "ci-image-cache")).build();

        TerraformVariable runnerRole = TerraformVariable.Builder.create(this, "runner_role_name").type("string")
                .defaultValue("ci-runner").description("Name of the runners' instance role").build();
        TerraformVariable vpcId = TerraformVariable.Builder.create(this, "vpc_id").type("string")
                .defaultValue("vpc-0a1b2c3d4e5f60718").build();
        TerraformVariable subnetIds = TerraformVariable.Builder.create(this, "subnet_ids").type("list(string)")
                .defaultValue(List.of("subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f")).build();
        TerraformVariable routeTableIds = TerraformVariable.Builder.create(this, "route_table_ids")
                .type("list(string)").defaultValue(List.of("rtb-0123456789abcdef0")).build();
        TerraformVariable runnerCidrBlocks = TerraformVariable.Builder.create(this, "runner_cidr_blocks")
                .type("list(string)").defaultValue(List.of("10.20.0.0/16"))
                .description("Where the runners are: the endpoints admit HTTPS from here").build();

        RuleSet rules = RuleSet.of(
                PullThroughRule.builder("docker_hub")
                        .ecrRepositoryPrefix("docker-hub")
                        .upstreamRegistryUrl("registry-1.docker.io")
                        .credentialArn("arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT_ID
                                + ":secret:ecr-pullthroughcache/docker-hub-x1Y2z3")
                        .build(),
                PullThroughRule.builder("ecr_public")
                        .ecrRepositoryPrefix("ecr-public")
                        .upstreamRegistryUrl("public.ecr.aws")
                        .build(),
                PullThroughRule.builder("kubernetes")
                        .ecrRepositoryPrefix("k8s")
                        .upstreamRegistryUrl("registry.k8s.io")
                        .build());

        EcrPullThroughCache cache = EcrPullThroughCache.Builder.create(this, "cache")
                .rules(rules)
                .accountId(ACCOUNT_ID)
                .region(REGION)
                .expireCachedImagesAfterDays(14)
                .build();

        RunnerFleetPullThrough runners = RunnerFleetPullThrough.Builder.create(this, "runners")
                .cache(cache)
                .policyName("ci-runner-ecr-pull-through")
                .roleNames(List.of(runnerRole.getStringValue()))
                .build();

        EcrPrivateEndpoints.Builder.create(this, "endpoints")
                .cache(cache)
                .vpcId(vpcId.getStringValue())
                .subnetIds(subnetIds.getListValue())
                .routeTableIds(routeTableIds.getListValue())
                .ingressCidrBlocks(runnerCidrBlocks.getListValue())
                .build();

        TerraformOutput.Builder.create(this, "registry_host").value(cache.getRegistryHost()).build();
        TerraformOutput.Builder.create(this, "runner_environment").value(runners.getRunnerEnvironment()).build();
        TerraformOutput.Builder.create(this, "policy_json").value(runners.getPolicyJson()).build();
    }
}
