package dev.pullthrough.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MirrorReferenceTest {
    static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    static final RuleSet RULES = RuleSet.of(
            RuleSetValidationTest.hub("docker_hub").build(),
            RuleSetValidationTest.rule("ghcr", "ghcr", "ghcr.io"),
            RuleSetValidationTest.rule("k8s", "team/k8s", "registry.k8s.io"),
            PullThroughRule.builder("shared").ecrRepositoryPrefix("shared")
                    .upstreamRegistryUrl("210987654321.dkr.ecr.eu-west-1.amazonaws.com")
                    .upstreamRepositoryPrefix("base").build());

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "node:22, " + HOST + "/docker-hub/library/node:22",
        "bitnami/redis, " + HOST + "/docker-hub/bitnami/redis",
        "ghcr.io/actions/runner:2, " + HOST + "/ghcr/actions/runner:2",
        "registry.k8s.io/pause:3.10, " + HOST + "/team/k8s/pause:3.10",
        "210987654321.dkr.ecr.eu-west-1.amazonaws.com/base/jdk:21, " + HOST + "/shared/jdk:21",
        HOST + "/docker-hub/library/node:22, " + HOST + "/docker-hub/library/node:22",
    })
    void rewrite_cachedUpstream_pointsIntoThePrefix(String ref, String expected) {
        assertThat(MirrorReference.rewrite(ImageReference.parse(ref), RULES, HOST)).hasToString(expected);
    }

    @Test
    void rewrite_rootRule_keepsRepositoryAtTheRoot() {
        RuleSet root = RuleSet.of(RuleSetValidationTest.hub("hub").ecrRepositoryPrefix("ROOT").build());

        assertThat(MirrorReference.rewrite(ImageReference.parse("node:22"), root, HOST))
                .hasToString(HOST + "/library/node:22");
    }

    @Test
    void rewrite_uncachedRegistry_throwsNamingTheRegistry() {
        assertThatThrownBy(() -> MirrorReference.rewrite(ImageReference.parse("quay.io/coreos/etcd"), RULES, HOST))
                .isInstanceOf(NoMatchingRuleException.class)
                .hasMessageContaining("quay.io");
    }
}
