package dev.pullthrough.hook;

import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RepositoryPrefix;
import dev.pullthrough.model.RunnerEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code hook start} needs, resolved from flags, then environment variables, then defaults (see
 * docs/HOOK.md). A path of {@code none} switches that integration off (null here).
 */
public record StartSettings(RegistryEndpoint registry, String region, String dockerHubPrefix, Path daemonConfig,
        Path dockerPidFile, Path containerdCertsDir, Path buildkitdConfig, Path dockerConfigDir, Path githubEnv,
        ListenAddress listen, Path stateDir, boolean strict) {

    public static final String DEFAULT_PREFIX = "docker-hub";
    public static final String NONE = "none";

    /** The raw values given on the command line (null when a flag was not given). */
    public record Flags(String registry, String region, String dockerHubPrefix, String daemonConfig,
            String dockerPidFile, String containerdCertsDir, String buildkitdConfig, String dockerConfig,
            String githubEnv, String listen, String stateDir, boolean strict) {
    }

    public static StartSettings resolve(Flags f, Map<String, String> env) throws InvalidHookSettingException {
        RegistryEndpoint registry = RegistryEndpoint.parse(first(f.registry(), env.get(RunnerEnvironment.CACHE)));
        String region = first(f.region(), env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        if (region == null) {
            region = RegistryCoordinates.parseHost(registry.host()).map(RegistryCoordinates::region)
                    .orElseThrow(() -> new InvalidHookSettingException("--region", "",
                            "cannot tell the region from " + registry.host()
                                    + "; pass --region or set AWS_REGION"));
        }
        if (!RegistryCoordinates.isRegionName(region)) {
            throw new InvalidHookSettingException("--region", region, "not an AWS region name such as us-east-1");
        }
        String prefix = first(f.dockerHubPrefix(), env.get(RunnerEnvironment.DOCKER_HUB_PREFIX), DEFAULT_PREFIX);
        RepositoryPrefix p = new RepositoryPrefix(prefix);
        if (!p.isWellFormed()) {
            throw new InvalidHookSettingException("--docker-hub-prefix", prefix,
                    "not an ECR repository prefix (2-30 characters, " + RepositoryPrefix.PATTERN + ")");
        }
        String home = first(env.get("HOME"), System.getProperty("user.home"));
        return new StartSettings(registry, region, p.canonical(),
                path(first(f.daemonConfig(), "/etc/docker/daemon.json")),
                path(first(f.dockerPidFile(), "/var/run/docker.pid")),
                path(first(f.containerdCertsDir(), "/etc/containerd/certs.d")),
                path(first(f.buildkitdConfig(), "/etc/buildkit/buildkitd.toml")),
                path(first(f.dockerConfig(), env.get("DOCKER_CONFIG"), home + "/.docker")),
                path(first(f.githubEnv(), env.get("GITHUB_ENV"))),
                ListenAddress.parse(first(f.listen(), env.get("PULLTHROUGH_HOOK_LISTEN"), ListenAddress.DEFAULT)),
                stateDir(f.stateDir(), env),
                f.strict());
    }

    /** {@code --state-dir}, else PULLTHROUGH_HOOK_STATE_DIR, else /run/pullthrough, $XDG_RUNTIME_DIR/pullthrough. */
    public static Path stateDir(String flag, Map<String, String> env) {
        String given = first(flag, env.get("PULLTHROUGH_HOOK_STATE_DIR"));
        if (given != null) {
            return Path.of(given).toAbsolutePath();
        }
        if (Files.isWritable(Path.of("/run"))) {
            return Path.of("/run/pullthrough");
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "pullthrough");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "pullthrough-" + System.getProperty("user.name"));
    }

    public Optional<Path> daemonConfigOpt() {
        return Optional.ofNullable(daemonConfig);
    }

    /** {@code registry-1.docker.io}-style key for the runner environment: the bare registry host[:port]. */
    public String registryHost() {
        return registry.authority();
    }

    private static Path path(String value) {
        // Absolute: stop may run from another working directory.
        return value == null || value.isBlank() || value.equals(NONE) ? null : Path.of(value).toAbsolutePath();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
