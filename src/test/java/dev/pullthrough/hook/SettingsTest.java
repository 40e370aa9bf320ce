package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {
    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    private static StartSettings.Flags flags(String registry, String listen) {
        return new StartSettings.Flags(registry, null, null, null, null, null, null, null, null, listen, "/tmp/x", false);
    }

    @Test
    void resolve_onlyRunnerEnvironment_defaultsAndRegionFromHost() throws Exception {
        StartSettings s = StartSettings.resolve(flags(null, null), Map.of(
                "RUNS_ON_ECR_PULL_THROUGH_CACHE", HOST, "HOME", "/home/runner", "GITHUB_ENV", "/tmp/env"));

        assertThat(s.registry().toString()).isEqualTo("https://" + HOST);
        assertThat(s.registryHost()).isEqualTo(HOST);
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.dockerHubPrefix()).contains("docker-hub");
        assertThat(s.daemonConfig()).isEqualTo(Path.of("/etc/docker/daemon.json"));
        assertThat(s.dockerPidFile()).isEqualTo(Path.of("/var/run/docker.pid"));
        assertThat(s.containerdCertsDir()).isEqualTo(Path.of("/etc/containerd/certs.d"));
        assertThat(s.buildkitdConfig()).isEqualTo(Path.of("/etc/buildkit/buildkitd.toml"));
        assertThat(s.dockerConfigDir()).isEqualTo(Path.of("/home/runner/.docker"));
        assertThat(s.githubEnv()).isEqualTo(Path.of("/tmp/env"));
        assertThat(s.listen().hostPort()).isEqualTo("127.0.0.1:5155");
    }

    @Test
    void resolve_envPrefixWins_ecrHostRegionWinsOverTheRunnersRegion() throws Exception {
        // A spoke runner in us-west-2 pulling through a hub registry in eu-west-1: the token must be eu-west-1's.
        StartSettings s = StartSettings.resolve(flags(HOST, null), Map.of("AWS_DEFAULT_REGION", "us-west-2",
                "AWS_REGION", "us-west-2", "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_PREFIX", "ROOT", "DOCKER_CONFIG", "/cfg"));
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.dockerHubPrefix()).contains("ROOT");
        assertThat(s.dockerConfigDir()).isEqualTo(Path.of("/cfg"));
    }

    @Test
    void resolve_hostWithoutRegion_regionFromTheEnvironment() throws Exception {
        StartSettings s = StartSettings.resolve(flags("http://127.0.0.1:5000", null), Map.of("AWS_REGION", "us-west-2"));
        assertThat(s.region()).isEqualTo("us-west-2");
    }

    @Test
    void resolve_regionFlagOtherThanTheEcrHosts_refusedWithTheHostsRegion() {
        StartSettings.Flags f = new StartSettings.Flags(HOST, "us-east-1", null, null, null, null, null, null, null,
                null, "/tmp/x", false);
        assertThatThrownBy(() -> StartSettings.resolve(f, Map.of()))
                .isInstanceOf(InvalidHookSettingException.class)
                .hasMessageContaining("--region")
                .hasMessageContaining("is in eu-west-1 and an ECR token is valid only in its own region")
                .hasMessageContaining("--region eu-west-1");
    }

    @Test
    void resolve_none_switchesIntegrationOff() throws Exception {
        StartSettings s = StartSettings.resolve(new StartSettings.Flags(HOST, null, null, "none", "none", "none", "none",
                "none", "none", null, "/tmp/x", false), Map.of());
        assertThat(s.daemonConfig()).isNull();
        assertThat(s.containerdCertsDir()).isNull();
        assertThat(s.buildkitdConfig()).isNull();
        assertThat(s.dockerConfigDir()).isNull();
        assertThat(s.githubEnv()).isNull();
    }

    @Test
    void resolve_noRegistry_namesTheFlagAndVariable() {
        assertThatThrownBy(() -> StartSettings.resolve(flags(null, null), Map.of()))
                .isInstanceOf(InvalidHookSettingException.class).hasMessageContaining("RUNS_ON_ECR_PULL_THROUGH_CACHE");
    }

    @Test
    void resolve_badPrefix_refused() {
        assertThatThrownBy(() -> StartSettings.resolve(new StartSettings.Flags(HOST, null, "Docker_Hub", null, null, null,
                null, null, null, null, "/tmp/x", false), Map.of()))
                .isInstanceOf(InvalidHookSettingException.class).hasMessageContaining("Docker_Hub");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://" + HOST, "http://10.0.0.1:5000", "ftp://" + HOST, "https://" + HOST + "/docker-hub",
            "https://user:pw@" + HOST, "https://" + HOST + "?x=1"})
    void registry_refused(String value) {
        assertThatThrownBy(() -> RegistryEndpoint.parse(value)).isInstanceOf(InvalidHookSettingException.class)
                .hasMessageContaining("--registry");
    }

    @Test
    void registry_plainHttpLoopbackAndHttpsForms_accepted() throws Exception {
        assertThat(RegistryEndpoint.parse("http://127.0.0.1:5000").toString()).isEqualTo("http://127.0.0.1:5000");
        assertThat(RegistryEndpoint.parse("http://localhost:5000").authority()).isEqualTo("localhost:5000");
        assertThat(RegistryEndpoint.parse("https://" + HOST + "/").authority()).isEqualTo(HOST);
        assertThat(RegistryEndpoint.parse(HOST + ":8443").authority()).isEqualTo(HOST + ":8443");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0:5155", "10.1.2.3:5155", ":5155", "example.com:5155", "127.0.0.1", "127.0.0.1:99999",
            "127.0.0.1:x"})
    void listen_notLoopbackAddressAndPort_refused(String value) {
        assertThatThrownBy(() -> ListenAddress.parse(value)).isInstanceOf(InvalidHookSettingException.class)
                .hasMessageContaining("--listen");
    }

    @Test
    void listen_loopbackForms_accepted() throws Exception {
        assertThat(ListenAddress.parse("127.0.0.1:5155").mirrorUrl()).isEqualTo("http://127.0.0.1:5155");
        assertThat(ListenAddress.parse("localhost:6000").hostPort()).isEqualTo("127.0.0.1:6000");
        assertThat(ListenAddress.parse("[::1]:6000").mirrorUrl()).isEqualTo("http://[::1]:6000");
        assertThat(ListenAddress.parse("127.0.0.2:0").port()).isZero();
    }
}
