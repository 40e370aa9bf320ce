package dev.pullthrough.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.model.ArnScope;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerPolicyTest {
    static final ArnScope SCOPE = new ArnScope("aws", "us-east-1", "123456789012");
    static final String REPO = "arn:aws:ecr:us-east-1:123456789012:repository/";

    static PullThroughRule rule(String key, String prefix, String url) {
        return PullThroughRule.builder(key).ecrRepositoryPrefix(prefix).upstreamRegistryUrl(url).build();
    }

    @Test
    void from_namedPrefixes_scopesPullAndImportToEachPrefix() throws Exception {
        PolicyDocument policy = RunnerPolicy.from(RuleSet.of(
                rule("hub", "docker-hub", "registry-1.docker.io"), rule("q", "quay", "quay.io")), SCOPE);

        JsonNode doc = new ObjectMapper().readTree(policy.toJson());
        assertThat(doc.get("Version").asText()).isEqualTo("2012-10-17");
        JsonNode statements = doc.get("Statement");
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).get("Action").asText()).isEqualTo("ecr:GetAuthorizationToken");
        assertThat(statements.get(0).get("Resource").asText()).isEqualTo("*");
        for (int i = 1; i < 3; i++) {
            assertThat(texts(statements.get(i).get("Resource")))
                    .containsExactly(REPO + "docker-hub/*", REPO + "quay/*");
        }
        assertThat(texts(statements.get(1).get("Action"))).containsExactly(
                "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");
        assertThat(texts(statements.get(2).get("Action"))).containsExactly(
                "ecr:BatchImportUpstreamImage", "ecr:CreateRepository");
    }

    @Test
    void from_namedPrefixes_neverGrantsEveryRepository() {
        String json = RunnerPolicy.from(RuleSet.of(rule("hub", "docker-hub", "registry-1.docker.io")), SCOPE).toJson();

        assertThat(json).doesNotContain("repository/*\"").doesNotContain("ecr:*")
                .doesNotContain("CreatePullThroughCacheRule");
    }

    @Test
    void from_rootRule_grantsEveryRepository() {
        PolicyDocument policy = RunnerPolicy.from(RuleSet.of(
                rule("hub", "ROOT", "registry-1.docker.io"), rule("q", "quay", "quay.io")), SCOPE);

        assertThat(policy.statements().get(1).resources()).containsExactly(REPO + "*");
    }

    @Test
    void from_ecrToEcrRule_scopesToTheLocalPrefixNotTheUpstream() {
        PolicyDocument policy = RunnerPolicy.from(RuleSet.of(PullThroughRule.builder("shared")
                .ecrRepositoryPrefix("team/shared").upstreamRegistryUrl("210987654321.dkr.ecr.eu-west-1.amazonaws.com")
                .upstreamRepositoryPrefix("base").customRoleArn("arn:aws:iam::123456789012:role/r").build()), SCOPE);

        assertThat(policy.statements().get(1).resources()).containsExactly(REPO + "team/shared/*");
        assertThat(policy.toJson()).doesNotContain("210987654321");
    }

    @Test
    void from_emptyRuleSet_grantsOnlyTheToken() {
        PolicyDocument policy = RunnerPolicy.from(RuleSet.empty(), SCOPE);

        assertThat(policy.statements()).extracting(Statement::sid).containsExactly(RunnerPolicy.SID_AUTH);
    }

    @Test
    void toJson_samePolicy_sameBytes() {
        RuleSet rules = RuleSet.of(rule("q", "quay", "quay.io"), rule("hub", "docker-hub", "registry-1.docker.io"));
        RuleSet reversed = RuleSet.of(rule("hub", "docker-hub", "registry-1.docker.io"), rule("q", "quay", "quay.io"));

        assertThat(RunnerPolicy.from(rules, SCOPE).toJson()).isEqualTo(RunnerPolicy.from(reversed, SCOPE).toJson());
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
