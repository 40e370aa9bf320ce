package dev.pullthrough.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageUpstreamTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "docker.io, DOCKER_HUB, registry-1.docker.io, docker_hub, docker-hub, true",
        "ghcr.io, GITHUB, ghcr.io, github, github, true",
        "quay.io, QUAY, quay.io, quay, quay, false",
        "registry.k8s.io, KUBERNETES, registry.k8s.io, k8s, k8s, false",
        "public.ecr.aws, ECR_PUBLIC, public.ecr.aws, ecr_public, ecr-public, false",
        "registry.gitlab.com, GITLAB, registry.gitlab.com, gitlab, gitlab, true",
        "cgr.dev, CHAINGUARD, cgr.dev, chainguard, chainguard, true",
        "contoso.azurecr.io, AZURE, contoso.azurecr.io, azure_contoso, azure-contoso, true",
        "210987654321.dkr.ecr.eu-west-1.amazonaws.com, ECR, 210987654321.dkr.ecr.eu-west-1.amazonaws.com, ecr_210987654321, ecr-210987654321, false",
    })
    void suggestedRule_cacheableRegistry_conventionalNamesAndValidUrl(String registry, UpstreamKind kind, String url,
                                                                      String key, String prefix, boolean credential) {
        assertThat(ImageUpstream.kindOf(registry)).contains(kind);
        PullThroughRule rule = ImageUpstream.suggestedRule(registry).orElseThrow();

        assertThat(rule.key()).isEqualTo(key);
        assertThat(rule.ecrRepositoryPrefix()).isEqualTo(prefix);
        assertThat(rule.upstreamRegistryUrl()).isEqualTo(url);
        assertThat(rule.credentialArn().isPresent()).isEqualTo(credential);
        if (credential) {
            // The placeholders are meant to be replaced: as suggested, the credential is the one thing refused ...
            assertThat(RuleSet.of(rule).validate(ValidationMode.EXISTING).errors())
                    .extracting(Problem::field).containsOnly("credential_arn");
            // ... and with a real region and account filled in, the rule is valid as it stands.
            rule = PullThroughRule.builder(rule.key()).ecrRepositoryPrefix(rule.ecrRepositoryPrefix())
                    .upstreamRegistryUrl(rule.upstreamRegistryUrl())
                    .credentialArn(rule.credentialArn().orElseThrow().replace("REGION", "eu-west-1")
                            .replace("ACCOUNT", "123456789012"))
                    .build();
        }
        assertThat(RuleSet.of(rule).validate(ValidationMode.EXISTING).isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcr.io", "mcr.microsoft.com", "k8s.gcr.io", "docker.elastic.co", "nvcr.io"})
    void suggestedRule_registryEcrCannotCache_empty(String registry) {
        assertThat(ImageUpstream.suggestedRule(registry)).isEmpty();
        assertThat(ImageUpstream.isLocal(registry)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:5000", "localhost", "127.0.0.1:5000", "[::1]:5000", "registry:5000", "kind-registry.local:5000"})
    void isLocal_machineOrServiceRegistry_true(String registry) {
        assertThat(ImageUpstream.isLocal(registry)).isTrue();
        assertThat(ImageUpstream.suggestedRule(registry)).isEmpty();
    }

    @Test
    void mirrorReach_dockerHubEverywhereOthersNotDockerdEcrNowhere() {
        PullThroughRule hub = PullThroughRule.builder("docker_hub").ecrRepositoryPrefix("docker-hub")
                .upstreamRegistryUrl("registry-1.docker.io").build();
        PullThroughRule ghcr = PullThroughRule.builder("github").ecrRepositoryPrefix("github")
                .upstreamRegistryUrl("ghcr.io").build();
        PullThroughRule ecr = PullThroughRule.builder("team").ecrRepositoryPrefix("team")
                .upstreamRegistryUrl("210987654321.dkr.ecr.eu-west-1.amazonaws.com").build();
        PullThroughRule partOfQuay = PullThroughRule.builder("quay").ecrRepositoryPrefix("quay")
                .upstreamRegistryUrl("quay.io").upstreamRepositoryPrefix("acme").build();
        MirroredUpstreams mirrored = MirroredUpstreams.of(RuleSet.of(hub, ghcr, ecr, partOfQuay));

        assertThat(MirrorReach.of(mirrored, hub).everywhere()).isTrue();
        assertThat(MirrorReach.of(mirrored, ghcr)).isEqualTo(new MirrorReach(false, true, true));
        assertThat(MirrorReach.of(mirrored, ecr).nowhere()).isTrue();
        assertThat(MirrorReach.of(mirrored, partOfQuay).nowhere()).isTrue();
    }

    @Test
    void coveringRule_uppercaseHost_matchesLowercaseRule() {
        RuleSet rules = RuleSet.of(PullThroughRule.builder("github").ecrRepositoryPrefix("github")
                .upstreamRegistryUrl("ghcr.io").build());

        assertThat(MirrorReference.coveringRule(ImageReference.parse("GHCR.IO/acme/app:1"), rules))
                .map(PullThroughRule::key).contains("github");
        assertThat(MirrorReference.coveringRule(ImageReference.parse("quay.io/acme/app:1"), rules)).isEmpty();
    }
}
