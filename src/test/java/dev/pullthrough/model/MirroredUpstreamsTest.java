package dev.pullthrough.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MirroredUpstreamsTest {
    private static PullThroughRule rule(String key, String prefix, String url) {
        return PullThroughRule.builder(key).ecrRepositoryPrefix(prefix).upstreamRegistryUrl(url).build();
    }

    @Test
    void of_everyPublicUpstream_keyedByImageRegistry() {
        MirroredUpstreams m = MirroredUpstreams.of(RuleSet.of(rule("hub", "docker-hub", "registry-1.docker.io"),
                rule("github", "github", "ghcr.io"), rule("k8s", "ROOT", "registry.k8s.io"),
                rule("azure", "azure", "myregistry.azurecr.io"), rule("cg", "chainguard", "cgr.dev")));

        assertThat(m.byRegistry()).containsOnlyKeys("docker.io", "ghcr.io", "registry.k8s.io", "myregistry.azurecr.io",
                "cgr.dev");
        assertThat(m.ruleFor("docker.io").map(PullThroughRule::key)).contains("hub");
        assertThat(m.skipped()).isEmpty();
    }

    @Test
    void of_ecrToEcrAndUpstreamRepositoryPrefix_skippedWithReason() {
        PullThroughRule ecr = rule("other", "other-account", "123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        PullThroughRule partial = PullThroughRule.builder("partial").ecrRepositoryPrefix("q")
                .upstreamRegistryUrl("quay.io").upstreamRepositoryPrefix("team").build();

        MirroredUpstreams m = MirroredUpstreams.of(RuleSet.of(ecr, partial));

        assertThat(m.byRegistry()).isEmpty();
        assertThat(m.skipped()).extracting(MirroredUpstreams.Skipped::reason)
                .anyMatch(r -> r.contains("ECR-to-ECR")).anyMatch(r -> r.contains("upstream_repository_prefix"));
    }

    @Test
    void of_twoRulesForOneUpstream_firstByKeyWins() {
        MirroredUpstreams m = MirroredUpstreams.of(RuleSet.of(rule("b", "quay-b", "quay.io"), rule("a", "quay-a", "quay.io")));

        assertThat(m.ruleFor("quay.io").map(PullThroughRule::key)).contains("a");
        assertThat(m.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("rule \"a\""));
    }
}
