package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hook start --rules FILE}: which upstreams are mirrored, and how --docker-hub-prefix fits in. */
class RulesSettingsTest {
    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    static final String RULES = """
            {
              "docker_hub": {"ecr_repository_prefix": "docker-hub", "upstream_registry_url": "registry-1.docker.io",
                "credential_arn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/hub-AbCdEf"},
              "github": {"ecr_repository_prefix": "github", "upstream_registry_url": "ghcr.io",
                "credential_arn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/gh-AbCdEf"},
              "k8s": {"ecr_repository_prefix": "k8s", "upstream_registry_url": "registry.k8s.io"},
              "other_account": {"ecr_repository_prefix": "other", "upstream_registry_url": "210987654321.dkr.ecr.eu-west-1.amazonaws.com",
                "upstream_repository_prefix": "team"}
            }
            """;

    @TempDir
    Path tmp;

    private StartSettings resolve(String rules, String dockerHubPrefix) throws Exception {
        Path file = tmp.resolve("rules.json");
        Files.writeString(file, rules);
        return StartSettings.resolve(new StartSettings.Flags(HOST, null, dockerHubPrefix, "none", "none", "none", "none",
                "none", "none", null, tmp.resolve("state").toString(), false, file.toString()), Map.of());
    }

    @Test
    void resolve_rules_mirrorsEveryImageRegistryAndSaysWhatIsNot() throws Exception {
        StartSettings s = resolve(RULES, null);

        assertThat(s.upstreams()).containsExactly(new HookUpstream("docker.io", "docker-hub", "docker_hub"),
                new HookUpstream("ghcr.io", "github", "github"), new HookUpstream("registry.k8s.io", "k8s", "k8s"));
        assertThat(s.routes().specs()).containsExactly("docker.io=docker-hub", "ghcr.io=github", "registry.k8s.io=k8s");
        assertThat(s.notes()).singleElement().satisfies(n -> assertThat(n).contains("other_account")
                .contains("not mirrored").contains("ECR-to-ECR"));
        assertThat(s.dockerHubPrefix()).contains("docker-hub");
    }

    @Test
    void resolve_sameDockerHubPrefixBesideRules_accepted() throws Exception {
        assertThat(resolve(RULES, "docker-hub").upstreams()).hasSize(3);
    }

    @Test
    void resolve_conflictingDockerHubPrefix_clearError() {
        assertThatThrownBy(() -> resolve(RULES, "hub"))
                .isInstanceOf(InvalidHookSettingException.class)
                .hasMessageContaining("--docker-hub-prefix").hasMessageContaining("conflicts with rule \"docker_hub\"")
                .hasMessageContaining("omit --docker-hub-prefix");
    }

    @Test
    void resolve_rulesWithoutDockerHub_prefixAddsTheRoute() throws Exception {
        StartSettings s = resolve("{\"q\": {\"ecr_repository_prefix\": \"quay\", \"upstream_registry_url\": \"quay.io\"}}",
                "docker-hub");

        assertThat(s.upstreams()).extracting(HookUpstream::host).containsExactly("docker.io", "quay.io");
        assertThat(s.upstreams().get(0).rule()).isNull();
    }

    @Test
    void resolve_rulesWithoutDockerHub_dockerdLeftAlone() throws Exception {
        StartSettings s = resolve("{\"q\": {\"ecr_repository_prefix\": \"quay\", \"upstream_registry_url\": \"quay.io\"}}",
                null);

        assertThat(s.dockerHubPrefix()).isEmpty();
        assertThat(s.upstreams()).extracting(HookUpstream::host).containsExactly("quay.io");
    }

    @Test
    void resolve_invalidRules_namesFileAndProblem() {
        assertThatThrownBy(() -> resolve("{\"hub\": {\"ecr_repository_prefix\": \"docker-hub\", "
                + "\"upstream_registry_url\": \"docker.io\"}}", null))
                .isInstanceOf(InvalidHookSettingException.class).hasMessageContaining("--rules")
                .hasMessageContaining("registry-1.docker.io");
        assertThatThrownBy(() -> resolve("{\"hub\": {\"prefix\": \"x\"}}", null))
                .isInstanceOf(InvalidHookSettingException.class).hasMessageContaining("unknown field");
    }

    @Test
    void resolve_nothingMirrorable_refused() {
        assertThatThrownBy(() -> resolve("{\"o\": {\"ecr_repository_prefix\": \"other\", \"upstream_registry_url\": "
                + "\"210987654321.dkr.ecr.eu-west-1.amazonaws.com\"}}", null))
                .isInstanceOf(InvalidHookSettingException.class).hasMessageContaining("no rule in it can be mirrored");
    }
}
