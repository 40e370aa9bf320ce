import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import dev.pullthrough.cdktf.EcrPullThroughCache;
import dev.pullthrough.cdktf.RunnerFleetPullThrough;
import dev.pullthrough.cdktf.aws.AwsProvider;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark driver (not part of the product): synthesizes a platform stack built with the Pullthrough constructs
 * holding N rules, to see how the construct path scales with the rule count (1, 10, 50 = the AWS maximum).
 * Compiled by bench/synth.sh against the CLI jar. Usage: {@code RulesSynth N OUTDIR}.
 */
public final class RulesSynth {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final String[] CREDENTIAL_FREE = {"public.ecr.aws", "registry.k8s.io", "quay.io"};

    private RulesSynth() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        App app = new App(AppConfig.builder().outdir(args[1]).build());
        TerraformStack stack = new TerraformStack(app, "platform");
        AwsProvider.Builder.create(stack, "aws").region(REGION).build();
        List<PullThroughRule> rules = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PullThroughRule.Builder rule = PullThroughRule.builder("rule_" + i).ecrRepositoryPrefix("cache-" + i);
            if (i % 2 == 0) {
                // Every other rule is a Docker Hub rule with its credential, like most real rule sets.
                rule.upstreamRegistryUrl("registry-1.docker.io").credentialArn("arn:aws:secretsmanager:" + REGION
                        + ":" + ACCOUNT + ":secret:ecr-pullthroughcache/docker-hub-" + i);
            } else {
                rule.upstreamRegistryUrl(CREDENTIAL_FREE[i % CREDENTIAL_FREE.length]);
            }
            rules.add(rule.build());
        }
        EcrPullThroughCache cache = EcrPullThroughCache.Builder.create(stack, "cache")
                .rules(RuleSet.of(rules)).accountId(ACCOUNT).region(REGION).build();
        RunnerFleetPullThrough fleet = RunnerFleetPullThrough.Builder.create(stack, "runners")
                .cache(cache).accountId(ACCOUNT).region(REGION).roleNames(List.of("runner-instance-role")).build();
        TerraformOutput.Builder.create(stack, "ecr_pull_through_cache_rules").value(cache.getRunnerRulesValue()).build();
        TerraformOutput.Builder.create(stack, "runner_environment").value(fleet.getRunnerEnvironment()).build();
        TerraformOutput.Builder.create(stack, "policy_json").value(fleet.getPolicyJson()).build();
        app.synth();
    }
}
