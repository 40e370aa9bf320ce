package dev.pullthrough.cdktf.example;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import dev.pullthrough.cdktf.EcrPullThroughCache;
import dev.pullthrough.cdktf.RunnerFleetPullThrough;
import dev.pullthrough.cdktf.aws.AwsProvider;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import java.util.List;
import java.util.Objects;
import software.constructs.Construct;

/**
 * The project's own example: a pull-through cache for Docker Hub, GHCR and ECR Public with expiring cache
 * repositories, and a runner fleet wired to it (environment and least-privilege policy on the runner role).
 */
public class ExampleStack extends TerraformStack {
    /**
     * What differs per installation. The credential secrets must exist (named ecr-pullthroughcache/...) before apply;
     * the role is the runners' instance role.
     */
    public record Settings(String accountId, String region, String dockerHubSecretArn, String ghcrSecretArn,
            String runnerRoleName) {
        public Settings {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(dockerHubSecretArn, "dockerHubSecretArn");
            Objects.requireNonNull(ghcrSecretArn, "ghcrSecretArn");
            Objects.requireNonNull(runnerRoleName, "runnerRoleName");
        }

        /** Example values: account 123456789012 in us-east-1, secrets and role named as the README suggests. */
        public static Settings example() {
            String account = "123456789012";
            String region = "us-east-1";
            return new Settings(account, region, secretArn(account, region, "docker-hub"),
                    secretArn(account, region, "ghcr"), "runner-instance-role");
        }

        static String secretArn(String account, String region, String name) {
            return "arn:aws:secretsmanager:" + region + ":" + account + ":secret:ecr-pullthroughcache/" + name;
        }
    }

    private final EcrPullThroughCache cache;
    private final RunnerFleetPullThrough fleet;

    public ExampleStack(Construct scope, String id, Settings settings) {
        super(scope, id);
        AwsProvider.Builder.create(this, "aws").region(settings.region()).build();

        RuleSet rules = RuleSet.of(
                PullThroughRule.builder("docker_hub")
                        .ecrRepositoryPrefix("docker-hub")
                        .upstreamRegistryUrl("registry-1.docker.io")
                        .credentialArn(settings.dockerHubSecretArn())
                        .build(),
                PullThroughRule.builder("github")
                        .ecrRepositoryPrefix("ghcr")
                        .upstreamRegistryUrl("ghcr.io")
                        .credentialArn(settings.ghcrSecretArn())
                        .build(),
                PullThroughRule.builder("ecr_public")
                        .ecrRepositoryPrefix("ecr-public")
                        .upstreamRegistryUrl("public.ecr.aws")
                        .build());

        this.cache = EcrPullThroughCache.Builder.create(this, "cache")
                .rules(rules)
                .accountId(settings.accountId())
                .region(settings.region())
                .expireCachedImagesAfterDays(30)
                .build();
        this.fleet = RunnerFleetPullThrough.Builder.create(this, "runners")
                .cache(cache)
                .accountId(settings.accountId())
                .region(settings.region())
                .roleNames(List.of(settings.runnerRoleName()))
                .build();

        TerraformOutput.Builder.create(this, "registry_host").value(cache.getRegistryHost()).build();
        TerraformOutput.Builder.create(this, "ecr_pull_through_cache_rules").value(cache.getRunnerRulesValue()).build();
        TerraformOutput.Builder.create(this, "runner_environment").value(fleet.getRunnerEnvironment()).build();
        TerraformOutput.Builder.create(this, "docker_hub_mirror").value(fleet.isDockerHubMirror()).build();
        TerraformOutput.Builder.create(this, "runner_extras").value(fleet.getRunnerExtras()).build();
        TerraformOutput.Builder.create(this, "policy_arn").value(fleet.getPolicyArn()).build();
        TerraformOutput.Builder.create(this, "policy_json").value(fleet.getPolicyJson()).build();
    }

    public EcrPullThroughCache getCache() {
        return cache;
    }

    public RunnerFleetPullThrough getFleet() {
        return fleet;
    }
}
