package dev.pullthrough.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesCommandTest {
    static final String RULES = "src/test/resources/images/rules.json";
    static final String FIXTURES = "src/test/resources/images/fixtures/";
    static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

    @Test
    void images_table_rowsSummaryAndPasteReadyRule() {
        CliRun run = CliRun.of("images", FIXTURES + "compose-override", FIXTURES + "gha-node-ci", "--rules", RULES,
                "--registry", HOST);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("LOCATION").contains(FIXTURES + "gha-node-ci/.github/workflows/ci.yml:16")
                .contains(HOST + "/docker-hub/library/postgres:16")
                .contains("7 references in 2 of 2 files: 3 covered, 2 uncovered, 1 unresolved, 1 local")
                .contains("quay.io (1): rule \"quay\" below would cover it")
                .contains("mcr.microsoft.com (1): ECR pull-through cache has no upstream for this registry")
                .contains("\"quay\": {\n    \"ecr_repository_prefix\": \"quay\",\n    \"upstream_registry_url\": \"quay.io\"\n  }");
    }

    @Test
    void images_pasteReadyRules_validateWhenAddedToTheRulesFile(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("images", FIXTURES + "compose-ci", "--rules", RULES, "--format", "json");
        ObjectMapper json = new ObjectMapper();
        var rules = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(Path.of(RULES).toFile());
        for (JsonNode group : json.readTree(run.out()).path("summary").path("uncovered_by_registry")) {
            rules.set(group.path("suggested_rule_key").asText(), group.path("suggested_rule"));
        }
        Path merged = dir.resolve("rules.json");
        Files.writeString(merged, rules.toString());

        CliRun again = CliRun.of("images", FIXTURES + "compose-ci", "--rules", merged.toString(), "--fail-uncovered");

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("3 covered, 0 uncovered");
    }

    @Test
    void images_failUncovered_exitsOneWhenAnyUncovered() {
        CliRun run = CliRun.of("images", FIXTURES + "compose-ci", "--rules", RULES, "--fail-uncovered");

        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void images_failUncovered_exitsZeroWhenUnresolvedAndLocalOnly() {
        CliRun run = CliRun.of("images", FIXTURES + "gha-local-registry", FIXTURES + "gha-matrix-tag", "--rules", RULES,
                "--fail-uncovered");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("1 covered, 0 uncovered, 1 unresolved, 1 local");
    }

    @Test
    void images_json_isTheDocumentedContract() throws Exception {
        CliRun run = CliRun.of("images", FIXTURES + "compose-web", FIXTURES + "helm-template", "--rules", RULES,
                "--registry", HOST, "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.path("schema_version").asInt()).isEqualTo(1);
        assertThat(root.path("registry").asText()).isEqualTo(HOST);
        JsonNode api = root.path("references").get(0);
        assertThat(fieldNames(api)).containsExactly("file", "line", "kind", "where", "written", "platform", "status",
                "image", "registry", "upstream", "rule", "via", "transparent", "mirror_reference", "reason");
        assertThat(api.path("file").asText()).isEqualTo(FIXTURES + "compose-web/compose.yaml");
        assertThat(api.path("line").asInt()).isEqualTo(8);
        assertThat(api.path("kind").asText()).isEqualTo("compose");
        assertThat(api.path("where").asText()).isEqualTo("services.api.image");
        assertThat(api.path("written").asText()).isEqualTo("${REGISTRY:-ghcr.io}/acme/api:${TAG:-latest}");
        assertThat(api.path("status").asText()).isEqualTo("covered");
        assertThat(api.path("image").asText()).isEqualTo("ghcr.io/acme/api:latest");
        assertThat(api.path("upstream").asText()).isEqualTo("ghcr.io");
        assertThat(api.path("rule").asText()).isEqualTo("github");
        assertThat(api.path("via").asText()).isEqualTo("mirror; dockerd: mirror-ref");
        assertThat(api.path("transparent").path("dockerd").asBoolean()).isFalse();
        assertThat(api.path("transparent").path("containerd").asBoolean()).isTrue();
        assertThat(api.path("mirror_reference").asText()).isEqualTo(HOST + "/github/acme/api:latest");
        assertThat(api.path("platform").isNull()).isTrue();
        assertThat(api.path("reason").isNull()).isTrue();
        JsonNode summary = root.path("summary");
        assertThat(summary.path("references").asInt()).isEqualTo(4);
        assertThat(summary.path("covered").asInt()).isEqualTo(4);
        assertThat(summary.path("private_ecr").asInt()).isZero();
        assertThat(root.path("skipped").get(0).path("file").asText()).endsWith("chart/templates/deployment.yaml");
        assertThat(run.err()).contains("warning: ").contains("deployment.yaml: skipped, not valid YAML at line 6");
    }

    @Test
    void images_noRegistry_mirrorReferencesUseTheEnvironmentVariable() {
        CliRun run = CliRun.of("images", FIXTURES + "k8s-list", "--rules", RULES, "--registry", "");

        assertThat(run.out()).contains("${RUNS_ON_ECR_PULL_THROUGH_CACHE}/docker-hub/library/alpine");
    }

    @Test
    void images_dockerfilePlatform_inJson() throws Exception {
        CliRun run = CliRun.of("images", FIXTURES + "go-multistage", "--rules", RULES, "--format", "json");

        JsonNode first = new ObjectMapper().readTree(run.out()).path("references").get(0);
        assertThat(first.path("platform").asText()).isEqualTo("$BUILDPLATFORM");
        assertThat(first.path("where").asText()).isEqualTo("FROM");
    }

    @Test
    void images_missingPath_exitsTwoNamingIt() {
        CliRun run = CliRun.of("images", "no/such/dir", "--rules", RULES);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no/such/dir").contains("no such file");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void images_invalidRules_exitsOne() {
        CliRun run = CliRun.of("images", FIXTURES + "k8s-list", "--rules", "src/test/resources/rules/invalid-typos.json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: ");
    }

    @Test
    void images_help_documentsOptions() {
        CliRun run = CliRun.of("images", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--rules").contains("--registry").contains("--format").contains("--fail-uncovered");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
