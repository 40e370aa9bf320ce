package dev.pullthrough.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleSetValidationTest {
    static final String HUB_SECRET =
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf";
    static final String GHCR_SECRET =
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/ghcr-AbCdEf";

    static PullThroughRule.Builder hub(String key) {
        return PullThroughRule.builder(key).ecrRepositoryPrefix("docker-hub")
                .upstreamRegistryUrl("registry-1.docker.io").credentialArn(HUB_SECRET);
    }

    static Stream<Arguments> validRuleSets() {
        return Stream.of(
                Arguments.of("empty map", RuleSet.empty(), ValidationMode.CREATE),
                Arguments.of("docker hub with credential", RuleSet.of(hub("docker_hub").build()), ValidationMode.CREATE),
                Arguments.of("docker hub without credential, existing rule",
                        RuleSet.of(hub("docker_hub").credentialArn(null).build()), ValidationMode.EXISTING),
                Arguments.of("public upstreams need no credential", RuleSet.of(
                        rule("ecr_public", "ecr-public", "public.ecr.aws"),
                        rule("k8s", "k8s", "registry.k8s.io"),
                        rule("quay", "quay", "quay.io")), ValidationMode.CREATE),
                Arguments.of("ROOT docker hub (valid, warned)",
                        RuleSet.of(hub("docker_hub").ecrRepositoryPrefix("ROOT").build()), ValidationMode.CREATE),
                Arguments.of("ghcr, gitlab, azure, chainguard with credentials", RuleSet.of(
                        PullThroughRule.builder("ghcr").ecrRepositoryPrefix("ghcr").upstreamRegistryUrl("ghcr.io")
                                .credentialArn(GHCR_SECRET).build(),
                        PullThroughRule.builder("gitlab").ecrRepositoryPrefix("gitlab")
                                .upstreamRegistryUrl("registry.gitlab.com").credentialArn(GHCR_SECRET).build(),
                        PullThroughRule.builder("azure").ecrRepositoryPrefix("azure")
                                .upstreamRegistryUrl("myregistry.azurecr.io").credentialArn(GHCR_SECRET).build(),
                        PullThroughRule.builder("cgr").ecrRepositoryPrefix("chainguard")
                                .upstreamRegistryUrl("cgr.dev").credentialArn(GHCR_SECRET).build()),
                        ValidationMode.CREATE),
                Arguments.of("cross-account ECR with role and upstream prefix", RuleSet.of(
                        PullThroughRule.builder("shared").ecrRepositoryPrefix("shared")
                                .upstreamRegistryUrl("210987654321.dkr.ecr.eu-west-1.amazonaws.com")
                                .upstreamRepositoryPrefix("base-images")
                                .customRoleArn("arn:aws:iam::123456789012:role/ecr-upstream").build()),
                        ValidationMode.CREATE),
                Arguments.of("values are trimmed, blank upstream prefix is absent", RuleSet.of(
                        PullThroughRule.builder(" hub ").ecrRepositoryPrefix(" docker-hub ")
                                .upstreamRegistryUrl(" registry-1.docker.io ").upstreamRepositoryPrefix("")
                                .credentialArn(" " + HUB_SECRET + " ").build()), ValidationMode.CREATE),
                Arguments.of("exactly 50 rules", rules(50), ValidationMode.CREATE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRuleSets")
    void validate_acceptedRuleSet_hasNoErrors(String name, RuleSet rules, ValidationMode mode) {
        assertThat(rules.validate(mode).errors()).isEmpty();
    }

    /** name, rules, mode, rule key, field, text the constraint must contain. */
    static Stream<Arguments> invalidRuleSets() {
        return Stream.of(
                Arguments.of("docker.io instead of registry-1.docker.io",
                        RuleSet.of(hub("hub").upstreamRegistryUrl("docker.io").build()), ValidationMode.CREATE,
                        "hub", "upstream_registry_url", "registry-1.docker.io"),
                Arguments.of("URL with scheme",
                        RuleSet.of(rule("q", "quay", "https://quay.io")), ValidationMode.CREATE,
                        "q", "upstream_registry_url", "\"quay.io\""),
                Arguments.of("unknown upstream",
                        RuleSet.of(rule("x", "xyz", "registry.example.com")), ValidationMode.CREATE,
                        "x", "upstream_registry_url", "not an upstream registry URL"),
                Arguments.of("missing upstream",
                        RuleSet.of(rule("x", "xyz", "")), ValidationMode.CREATE,
                        "x", "upstream_registry_url", "is required"),
                Arguments.of("malformed ECR upstream host",
                        RuleSet.of(rule("e", "shared", "12345.dkr.ecr.eu-west-1.amazonaws.com")),
                        ValidationMode.CREATE, "e", "upstream_registry_url", "well-formed private ECR registry host"),
                Arguments.of("docker hub without credential",
                        RuleSet.of(hub("hub").credentialArn(null).build()), ValidationMode.CREATE,
                        "hub", "credential_arn", "UnsupportedUpstreamRegistryException"),
                Arguments.of("ghcr without credential",
                        RuleSet.of(rule("gh", "ghcr", "ghcr.io")), ValidationMode.CREATE,
                        "gh", "credential_arn", "GitHub Container Registry"),
                Arguments.of("credential not under ecr-pullthroughcache/",
                        RuleSet.of(hub("hub").credentialArn(
                                "arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-token-AbCdEf").build()),
                        ValidationMode.CREATE, "hub", "credential_arn", "ecr-pullthroughcache/"),
                Arguments.of("credential ARN malformed even for an existing rule",
                        RuleSet.of(hub("hub").credentialArn("dockerhub").build()), ValidationMode.EXISTING,
                        "hub", "credential_arn", "ecr-pullthroughcache/"),
                Arguments.of("prefix too short",
                        RuleSet.of(rule("q", "q", "quay.io")), ValidationMode.CREATE,
                        "q", "ecr_repository_prefix", "2 to 30 characters"),
                Arguments.of("prefix too long",
                        RuleSet.of(rule("q", "a-very-long-prefix-for-quay-images", "quay.io")), ValidationMode.CREATE,
                        "q", "ecr_repository_prefix", "2 to 30 characters"),
                Arguments.of("prefix with upper case",
                        RuleSet.of(rule("q", "Quay", "quay.io")), ValidationMode.CREATE,
                        "q", "ecr_repository_prefix", "lowercase"),
                Arguments.of("prefix with a leading slash",
                        RuleSet.of(rule("q", "/quay", "quay.io")), ValidationMode.CREATE,
                        "q", "ecr_repository_prefix", "lowercase"),
                Arguments.of("missing prefix",
                        RuleSet.of(rule("q", " ", "quay.io")), ValidationMode.CREATE,
                        "q", "ecr_repository_prefix", "is required"),
                Arguments.of("duplicate prefixes after trimming",
                        RuleSet.of(rule("a", "quay", "quay.io"), rule("b", " quay/ ", "public.ecr.aws")),
                        ValidationMode.CREATE, "a", "ecr_repository_prefix", "more than one rule"),
                Arguments.of("two ROOT rules",
                        RuleSet.of(rule("a", "ROOT", "quay.io"), rule("b", "ROOT", "public.ecr.aws")),
                        ValidationMode.CREATE, "b", "ecr_repository_prefix", "more than one rule"),
                Arguments.of("upstream prefix with ROOT",
                        RuleSet.of(PullThroughRule.builder("e").ecrRepositoryPrefix("ROOT")
                                .upstreamRegistryUrl("210987654321.dkr.ecr.eu-west-1.amazonaws.com")
                                .upstreamRepositoryPrefix("base").build()),
                        ValidationMode.CREATE, "e", "upstream_repository_prefix", "ROOT"),
                Arguments.of("upstream prefix on a non-ECR upstream",
                        RuleSet.of(PullThroughRule.builder("q").ecrRepositoryPrefix("quay")
                                .upstreamRegistryUrl("quay.io").upstreamRepositoryPrefix("coreos").build()),
                        ValidationMode.CREATE, "q", "upstream_repository_prefix", "ECR-to-ECR"),
                Arguments.of("bad upstream prefix",
                        RuleSet.of(PullThroughRule.builder("e").ecrRepositoryPrefix("shared")
                                .upstreamRegistryUrl("210987654321.dkr.ecr.eu-west-1.amazonaws.com")
                                .upstreamRepositoryPrefix("Base_").build()),
                        ValidationMode.CREATE, "e", "upstream_repository_prefix", "lowercase"),
                Arguments.of("custom role on a non-ECR upstream",
                        RuleSet.of(PullThroughRule.builder("q").ecrRepositoryPrefix("quay").upstreamRegistryUrl("quay.io")
                                .customRoleArn("arn:aws:iam::123456789012:role/r").build()),
                        ValidationMode.CREATE, "q", "custom_role_arn", "ECR-to-ECR"),
                Arguments.of("malformed custom role",
                        RuleSet.of(PullThroughRule.builder("e").ecrRepositoryPrefix("shared")
                                .upstreamRegistryUrl("210987654321.dkr.ecr.eu-west-1.amazonaws.com")
                                .customRoleArn("ecr-upstream").build()),
                        ValidationMode.CREATE, "e", "custom_role_arn", "IAM role ARN"),
                Arguments.of("more than 50 rules", rules(51), ValidationMode.CREATE,
                        null, null, "at most 50"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRuleSets")
    void validate_brokenConstraint_namesKeyFieldAndConstraint(String name, RuleSet rules, ValidationMode mode,
            String key, String field, String constraintText) {
        ValidationReport report = rules.validate(mode);

        assertThat(report.isValid()).isFalse();
        assertThat(report.errors()).anySatisfy(p -> {
            assertThat(p.ruleKey()).isEqualTo(key);
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(constraintText);
            if (key != null) {
                assertThat(p.message()).startsWith("rule \"" + key + "\"");
            }
            assertThat(p.fix()).isNotBlank();
        });
    }

    @Test
    void validate_severalBrokenRules_reportsEveryProblemAtOnce() {
        RuleSet rules = RuleSet.of(
                hub("hub").upstreamRegistryUrl("docker.io").build(),
                rule("gh", "ghcr", "ghcr.io"),
                rule("q", "Q", "quay.io"));

        ValidationReport report = rules.validate(ValidationMode.CREATE);

        assertThat(report.errors()).extracting(Problem::ruleKey).containsExactlyInAnyOrder("gh", "hub", "q");
    }

    @Test
    void validate_badValue_messageQuotesTheValue() {
        Problem p = RuleSet.of(hub("hub").upstreamRegistryUrl("docker.io").build())
                .validate(ValidationMode.CREATE).errors().get(0);

        assertThat(p.message()).isEqualTo("rule \"hub\": upstream_registry_url = \"docker.io\": "
                + ValidationMessages.UPSTREAM_UNSUPPORTED + ". " + ValidationMessages.DOCKER_HUB_URL_FIX);
    }

    @Test
    void validate_rootRule_warnsAboutBreadth() {
        ValidationReport report = RuleSet.of(hub("hub").ecrRepositoryPrefix("ROOT").build())
                .validate(ValidationMode.CREATE);

        assertThat(report.isValid()).isTrue();
        assertThat(report.warnings()).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("repository/*").contains("docker-hub"));
    }

    @Test
    void validate_credentialOnPublicUpstream_warnsOnly() {
        ValidationReport report = RuleSet.of(PullThroughRule.builder("q").ecrRepositoryPrefix("quay")
                .upstreamRegistryUrl("quay.io").credentialArn(HUB_SECRET).build()).validate(ValidationMode.CREATE);

        assertThat(report.isValid()).isTrue();
        assertThat(report.warnings()).singleElement().satisfies(w -> assertThat(w.field()).isEqualTo("credential_arn"));
    }

    @Test
    void requireValid_invalidSet_throwsWithEveryProblem() {
        RuleSet rules = RuleSet.of(rule("gh", "ghcr", "ghcr.io"), rule("q", "Q", "quay.io"));

        assertThatThrownBy(() -> rules.requireValid(ValidationMode.CREATE))
                .isInstanceOf(InvalidRuleSetException.class)
                .hasMessageContaining("2 problem(s)")
                .hasMessageContaining("rule \"gh\"")
                .hasMessageContaining("rule \"q\"");
    }

    static PullThroughRule rule(String key, String prefix, String url) {
        return PullThroughRule.builder(key).ecrRepositoryPrefix(prefix).upstreamRegistryUrl(url).build();
    }

    static RuleSet rules(int count) {
        List<PullThroughRule> list = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> list.add(rule(String.format("r%02d", i), String.format("quay-%02d", i), "quay.io")));
        return RuleSet.of(list);
    }
}
