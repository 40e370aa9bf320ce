package dev.pullthrough.hook.e2e;

import java.nio.file.Path;

/**
 * Every file and address the hook is pointed at in one scenario (all in temp dirs, never the machine's own).
 *
 * @param registryUrl the ECR stand-in, {@code http://127.0.0.1:PORT} (plain http is accepted for loopback only)
 * @param listen where the mirror proxy listens, {@code 127.0.0.1:PORT}
 */
public record HookFiles(String registryUrl, String region, String dockerHubPrefix, Path daemonJson, Path dockerPidFile,
                        Path containerdCertsDir, Path buildkitdConfig, Path dockerConfigDir, Path githubEnv,
                        Path stateDir, String listen) {

    public HookFiles withRegistryUrl(String url) {
        return new HookFiles(url, region, dockerHubPrefix, daemonJson, dockerPidFile, containerdCertsDir,
                buildkitdConfig, dockerConfigDir, githubEnv, stateDir, listen);
    }

    public HookFiles withDockerHubPrefix(String prefix) {
        return new HookFiles(registryUrl, region, prefix, daemonJson, dockerPidFile, containerdCertsDir,
                buildkitdConfig, dockerConfigDir, githubEnv, stateDir, listen);
    }

    public HookFiles withDockerPidFile(Path pidFile) {
        return new HookFiles(registryUrl, region, dockerHubPrefix, daemonJson, pidFile, containerdCertsDir,
                buildkitdConfig, dockerConfigDir, githubEnv, stateDir, listen);
    }

    public HookFiles withDaemonJson(Path file) {
        return new HookFiles(registryUrl, region, dockerHubPrefix, file, dockerPidFile, containerdCertsDir,
                buildkitdConfig, dockerConfigDir, githubEnv, stateDir, listen);
    }

    /** The containerd hosts file the hook writes for Docker Hub. */
    public Path dockerHubHostsToml() {
        return containerdCertsDir.resolve("docker.io").resolve("hosts.toml");
    }

    /** The Docker client config file the hook logs into. */
    public Path dockerConfigJson() {
        return dockerConfigDir.resolve("config.json");
    }

    /** The mirror URL dockerd and containerd should be given: {@code http://127.0.0.1:PORT}. */
    public String mirrorUrl() {
        return "http://" + listen;
    }
}
