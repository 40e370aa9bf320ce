package dev.pullthrough.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.model.ArnScope;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ShareWith;
import dev.pullthrough.testing.iam.PolicyEvaluator;
import dev.pullthrough.testing.iam.PolicyEvaluator.Caller;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedCachePoliciesTest {
    static final String HUB = "111111111111";
    static final String SPOKE = "222222222222";
    static final String STRANGER = "333333333333";
    static final String ORG = "o-a1b2c3d4e5";
    static final String OU_PATH = ORG + "/r-ab12/ou-ab12-11111111/*";
    static final ArnScope HUB_SCOPE = new ArnScope("aws", "eu-west-1", HUB);
    static final String REPO = "arn:aws:ecr:eu-west-1:" + HUB + ":repository/";
    static final RuleSet RULES = RuleSet.of(
            PullThroughRule.builder("docker_hub").ecrRepositoryPrefix("docker-hub")
                    .upstreamRegistryUrl("registry-1.docker.io").build(),
            PullThroughRule.builder("quay").ecrRepositoryPrefix("quay").upstreamRegistryUrl("quay.io").build());
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void registryPolicy_organization_grantsFirstPullActionsOnEachPrefixToTheOrganization() throws Exception {
        ResourcePolicy policy = SharedCachePolicies.registryPolicy(RULES, ShareWith.of(List.of(ORG), List.of(),
                List.of()), HUB_SCOPE);

        JsonNode expected = JSON.readTree("""
                {"Version":"2012-10-17","Statement":[{"Sid":"SharedCacheFirstPullOrganizations","Effect":"Allow",
                 "Principal":{"AWS":"*"},
                 "Action":["ecr:BatchImportUpstreamImage","ecr:CreateRepository"],
                 "Resource":["%sdocker-hub/*","%squay/*"],
                 "Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-a1b2c3d4e5"]}}}]}
                """.formatted(REPO, REPO));
        assertThat(JSON.readTree(policy.toJson())).isEqualTo(expected);
    }

    @Test
    void registryPolicy_allThreeKinds_oneStatementEachAccountsAsRootPrincipals() throws Exception {
        ResourcePolicy policy = SharedCachePolicies.registryPolicy(RULES,
                ShareWith.of(List.of(ORG), List.of(OU_PATH), List.of(SPOKE, SPOKE)), HUB_SCOPE);

        JsonNode doc = JSON.readTree(policy.toJson());
        assertThat(doc.get("Statement")).hasSize(3);
        assertThat(doc.at("/Statement/0/Sid").asText()).isEqualTo("SharedCacheFirstPullAccounts");
        assertThat(doc.at("/Statement/0/Principal/AWS").asText()).isEqualTo("arn:aws:iam::" + SPOKE + ":root");
        assertThat(doc.at("/Statement/2/Condition/ForAnyValue:StringLike/aws:PrincipalOrgPaths/0").asText())
                .isEqualTo(OU_PATH);
        assertThat(policy.toJson()).doesNotContain("\"" + REPO + "*\"").doesNotContain("ecr:*")
                .doesNotContain("BatchGetImage");
    }

    @Test
    void repositoryPolicy_grantsExactlyThePullActionsWithoutResource() throws Exception {
        ResourcePolicy policy = SharedCachePolicies.repositoryPolicy(ShareWith.of(List.of(), List.of(),
                List.of(SPOKE)), "aws");

        JsonNode expected = JSON.readTree("""
                {"Version":"2012-10-17","Statement":[{"Sid":"SharedCachePullAccounts","Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                 "Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}
                """);
        assertThat(JSON.readTree(policy.toJson())).isEqualTo(expected);
    }

    @Test
    void policies_sharedWithNobody_areEmpty() {
        assertThat(SharedCachePolicies.registryPolicy(RULES, ShareWith.nobody(), HUB_SCOPE).isEmpty()).isTrue();
        assertThat(SharedCachePolicies.repositoryPolicy(ShareWith.nobody(), "aws").isEmpty()).isTrue();
    }

    @Test
    void registryPolicy_noRules_isEmptyRatherThanAStatementWithoutResource() {
        assertThat(SharedCachePolicies.registryPolicy(RuleSet.empty(), ShareWith.of(List.of(ORG), List.of(),
                List.of()), HUB_SCOPE).isEmpty()).isTrue();
    }

    /** What a spoke runner can do with its identity policy (hub ARNs) and the hub's two resource policies. */
    @Test
    void evaluation_spokeInOrganization_pullsAndImportsOnlyUnderCachedPrefixes() {
        ShareWith share = ShareWith.of(List.of(ORG), List.of(), List.of());
        String identity = RunnerPolicy.from(RULES, HUB_SCOPE).toJson();
        String registry = SharedCachePolicies.registryPolicy(RULES, share, HUB_SCOPE).toJson();
        String repository = SharedCachePolicies.repositoryPolicy(share, "aws").toJson();
        Caller member = new Caller(SPOKE, Optional.of(ORG), List.of(ORG + "/r-ab12/"));

        for (String repo : List.of(REPO + "docker-hub/library/node", REPO + "quay/prometheus/node-exporter")) {
            assertThat(PolicyEvaluator.crossAccountAllows(identity, registry, member, EcrActions.CREATE_REPOSITORY,
                    repo)).as("first pull creates %s", repo).isTrue();
            assertThat(PolicyEvaluator.crossAccountAllows(identity, registry, member,
                    EcrActions.BATCH_IMPORT_UPSTREAM_IMAGE, repo)).isTrue();
            for (String pull : EcrActions.PULL) {
                assertThat(PolicyEvaluator.crossAccountAllows(identity, repository, member, pull, repo))
                        .as("%s on %s", pull, repo).isTrue();
            }
        }
        String outside = REPO + "private-app";
        assertThat(PolicyEvaluator.crossAccountAllows(identity, registry, member, EcrActions.CREATE_REPOSITORY,
                outside)).isFalse();
        assertThat(PolicyEvaluator.crossAccountAllows(identity, registry, member,
                EcrActions.BATCH_IMPORT_UPSTREAM_IMAGE, outside)).isFalse();
        assertThat(PolicyEvaluator.identityAllows(identity, EcrActions.BATCH_GET_IMAGE, outside)).isFalse();
    }

    @Test
    void evaluation_principalOutsideTheOrganization_isRefusedEvenWithAnIdentityPolicy() {
        ShareWith share = ShareWith.of(List.of(ORG), List.of(OU_PATH), List.of(SPOKE));
        String identity = RunnerPolicy.from(RULES, HUB_SCOPE).toJson();
        String registry = SharedCachePolicies.registryPolicy(RULES, share, HUB_SCOPE).toJson();
        String repository = SharedCachePolicies.repositoryPolicy(share, "aws").toJson();
        String repo = REPO + "docker-hub/library/node";

        Caller stranger = Caller.outsideAnyOrganization(STRANGER);
        Caller otherOrg = new Caller(STRANGER, Optional.of("o-zzzzzzzzzz"), List.of("o-zzzzzzzzzz/r-zz99/"));
        for (Caller c : List.of(stranger, otherOrg)) {
            assertThat(PolicyEvaluator.crossAccountAllows(identity, registry, c, EcrActions.CREATE_REPOSITORY, repo))
                    .isFalse();
            assertThat(PolicyEvaluator.crossAccountAllows(identity, repository, c, EcrActions.BATCH_GET_IMAGE, repo))
                    .isFalse();
        }
        Caller listedAccount = Caller.outsideAnyOrganization(SPOKE);
        assertThat(PolicyEvaluator.crossAccountAllows(identity, repository, listedAccount,
                EcrActions.BATCH_GET_IMAGE, repo)).isTrue();
        Caller inOu = new Caller(STRANGER, Optional.of("o-other00000"), List.of(ORG + "/r-ab12/ou-ab12-11111111/"));
        assertThat(PolicyEvaluator.crossAccountAllows(identity, registry, inOu, EcrActions.CREATE_REPOSITORY, repo))
                .isTrue();
    }
}
