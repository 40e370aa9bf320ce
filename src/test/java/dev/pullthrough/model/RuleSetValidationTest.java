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

    /** A set of one rule that AWS would refuse to create: name, rules, mode, rule key, field, expected text. */
    private static Arguments oneRule(String name, String key, String prefix, String upstream, String field, String text) {
        return Arguments.of(name, RuleSet.of(rule(key, prefix, upstream)), ValidationMode.CREATE, key, field, text);
    }

    /** The Docker Hub rule {@code hub}, changed, is refused in {@code mode}. */
    private static Arguments hubRule(String name, PullThroughRule rule, ValidationMode mode, String field, String text) {
        return Arguments.of(name, RuleSet.of(rule), mode, "hub", field, text);
    }

    private static final String MISNAMED_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-token-AbCdEf";
    private static final String ECR_UPSTREAM = "210987654321.dkr.ecr.eu-west-1.amazonaws.com";

    private static Arguments upstreamPrefix(String name, String key, String prefix, String upstream, String upstreamPrefix,
            String text) {
        return Arguments.of(name, RuleSet.of(PullThroughRule.builder(key).ecrRepositoryPrefix(prefix)
                        .upstreamRegistryUrl(upstream).upstreamRepositoryPrefix(upstreamPrefix).build()),
                ValidationMode.CREATE, key, "upstream_repository_prefix", text);
    }

    private static Arguments customRole(String name, String key, String prefix, String upstream, String role, String text) {
        return Arguments.of(name, RuleSet.of(PullThroughRule.builder(key).ecrRepositoryPrefix(prefix)
                        .upstreamRegistryUrl(upstream).customRoleArn(role).build()),
                ValidationMode.CREATE, key, "custom_role_arn", text);
    }

    /** name, rules, mode, rule key, field, text the constraint must contain. */
    static Stream<Arguments> invalidRuleSets() {
        return Stream.of(
                hubRule("docker.io instead of registry-1.docker.io", hub("hub").upstreamRegistryUrl("docker.io").build(),
                        ValidationMode.CREATE, "upstream_registry_url", "registry-1.docker.io"),
                oneRule("URL with scheme", "q", "quay", "https://quay.io", "upstream_registry_url", "\"quay.io\""),
                oneRule("unknown upstream", "x", "xyz", "registry.example.com", "upstream_registry_url", "not an upstream registry URL"),
                oneRule("missing upstream", "x", "xyz", "", "upstream_registry_url", "is required"),
                oneRule("malformed ECR upstream host", "e", "shared", "12345.dkr.ecr.eu-west-1.amazonaws.com",
                        "upstream_registry_url", "well-formed private ECR registry host"),
                hubRule("docker hub without credential", hub("hub").credentialArn(null).build(),
                        ValidationMode.CREATE, "credential_arn", "UnsupportedUpstreamRegistryException"),
                oneRule("ghcr without credential", "gh", "ghcr", "ghcr.io", "credential_arn", "GitHub Container Registry"),
                hubRule("credential not under ecr-pullthroughcache/", hub("hub").credentialArn(MISNAMED_SECRET).build(),
                        ValidationMode.CREATE, "credential_arn", "ecr-pullthroughcache/"),
                hubRule("credential ARN malformed even for an existing rule", hub("hub").credentialArn("dockerhub").build(),
                        ValidationMode.EXISTING, "credential_arn", "ecr-pullthroughcache/"),
                oneRule("prefix too short", "q", "q", "quay.io", "ecr_repository_prefix", "2 to 30 characters"),
                oneRule("prefix too long", "q", "a-very-long-prefix-for-quay-images", "quay.io", "ecr_repository_prefix", "2 to 30 characters"),
                oneRule("prefix with upper case", "q", "Quay", "quay.io", "ecr_repository_prefix", "lowercase"),
                oneRule("prefix with a leading slash", "q", "/quay", "quay.io", "ecr_repository_prefix", "lowercase"),
                oneRule("missing prefix", "q", " ", "quay.io", "ecr_repository_prefix", "is required"),
                Arguments.of("duplicate prefixes after trimming",
                        RuleSet.of(rule("a", "quay", "quay.io"), rule("b", " quay/ ", "public.ecr.aws")),
                        ValidationMode.CREATE, "a", "ecr_repository_prefix", "more than one rule"),
                Arguments.of("two ROOT rules",
                        RuleSet.of(rule("a", "ROOT", "quay.io"), rule("b", "ROOT", "public.ecr.aws")),
                        ValidationMode.CREATE, "b", "ecr_repository_prefix", "more than one rule"),
                upstreamPrefix("upstream prefix with ROOT", "e", "ROOT", ECR_UPSTREAM, "base", "ROOT"),
                upstreamPrefix("upstream prefix on a non-ECR upstream", "q", "quay", "quay.io", "coreos", "ECR-to-ECR"),
                upstreamPrefix("bad upstream prefix", "e", "shared", ECR_UPSTREAM, "Base_", "lowercase"),
                customRole("custom role on a non-ECR upstream", "q", "quay", "quay.io", "arn:aws:iam::123456789012:role/r",
                        "ECR-to-ECR"),
                customRole("malformed custom role", "e", "shared", ECR_UPSTREAM, "ecr-upstream", "IAM role ARN"),
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
    void validate_ecrUpstreamInOtherPartition_refusedOnlyWhenTheRuleIsCreatedAndThePartitionKnown() {
        RuleSet rules = RuleSet.of(PullThroughRule.builder("gov").ecrRepositoryPrefix("gov")
                .upstreamRegistryUrl("210987654321.dkr.ecr.us-gov-west-1.amazonaws.com").build());

        assertThat(rules.validate(ValidationMode.CREATE, RegistryLocation.of(null, "eu-west-1")).errors())
                .singleElement().satisfies(p -> assertThat(p.message())
                        .contains(ValidationMessages.ECR_UPSTREAM_OTHER_PARTITION + " (aws-us-gov, not aws)"));
        assertThat(rules.validate(ValidationMode.CREATE, RegistryLocation.of(null, null, Partition.AWS_US_GOV)).isValid())
                .isTrue();
        assertThat(rules.validate(ValidationMode.CREATE, RegistryLocation.unknown()).isValid()).isTrue();
        assertThat(rules.validate(ValidationMode.EXISTING, RegistryLocation.of(null, "eu-west-1")).isValid()).isTrue();
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
