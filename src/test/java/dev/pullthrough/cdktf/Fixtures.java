package dev.pullthrough.cdktf;

import com.hashicorp.cdktf.TerraformStack;
import dev.pullthrough.cdktf.aws.AwsProvider;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.testing.cdktf.Synth;

/** Rule sets and stacks the construct tests share. */
final class Fixtures {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final String HOST = ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com";
    static final String DOCKER_HUB_SECRET =
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf";

    private Fixtures() {
    }

    /** A stack with a provider (cdktf refuses resources without one). */
    static TerraformStack stack() {
        TerraformStack stack = new TerraformStack(Synth.app(), "test");
        AwsProvider.Builder.create(stack, "aws").region(REGION).build();
        return stack;
    }

    static PullThroughRule dockerHub() {
        return PullThroughRule.builder("docker_hub").ecrRepositoryPrefix("docker-hub")
                .upstreamRegistryUrl("registry-1.docker.io").credentialArn(DOCKER_HUB_SECRET).build();
    }

    static PullThroughRule ecrPublic() {
        return PullThroughRule.builder("ecr_public").ecrRepositoryPrefix("ecr-public")
                .upstreamRegistryUrl("public.ecr.aws").build();
    }

    static PullThroughRule quay() {
        return PullThroughRule.builder("quay").ecrRepositoryPrefix("quay").upstreamRegistryUrl("quay.io").build();
    }

    static RuleSet named() {
        return RuleSet.of(dockerHub(), ecrPublic(), quay());
    }

    static RuleSet rootDockerHub() {
        return RuleSet.of(PullThroughRule.builder("docker_hub").ecrRepositoryPrefix("ROOT")
                .upstreamRegistryUrl("registry-1.docker.io").credentialArn(DOCKER_HUB_SECRET).build(), ecrPublic());
    }

    /** Three mistakes at once: Docker Hub's image prefix as URL, no credential, and a prefix AWS rejects. */
    static RuleSet threeMistakes() {
        return RuleSet.of(
                PullThroughRule.builder("hub").ecrRepositoryPrefix("docker-hub").upstreamRegistryUrl("docker.io").build(),
                PullThroughRule.builder("github").ecrRepositoryPrefix("ghcr").upstreamRegistryUrl("ghcr.io").build(),
                PullThroughRule.builder("quay").ecrRepositoryPrefix("Quay!").upstreamRegistryUrl("quay.io").build());
    }
}
