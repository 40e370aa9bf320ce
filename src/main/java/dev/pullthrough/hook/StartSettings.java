package dev.pullthrough.hook;

import dev.pullthrough.model.MirroredUpstreams;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RepositoryPrefix;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.RunnerEnvironment;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code hook start} needs, resolved from flags, then environment variables, then defaults (see
 * docs/HOOK.md). A path of {@code none} switches that integration off (null here).
 */
public record StartSettings(RegistryEndpoint registry, String region, List<HookUpstream> upstreams, List<String> notes,
        Path daemonConfig, Path dockerPidFile, Path containerdCertsDir, Path buildkitdConfig, Path dockerConfigDir,
        Path githubEnv, ListenAddress listen, Path stateDir, boolean strict) {

    public static final String DEFAULT_PREFIX = "docker-hub";
    public static final String NONE = "none";

    /** The raw values given on the command line (null when a flag was not given). */
    public record Flags(String registry, String region, String dockerHubPrefix, String daemonConfig,
            String dockerPidFile, String containerdCertsDir, String buildkitdConfig, String dockerConfig,
            String githubEnv, String listen, String stateDir, boolean strict, String rules) {
        /** Without a rules file: Docker Hub only. */
        public Flags(String registry, String region, String dockerHubPrefix, String daemonConfig, String dockerPidFile,
                String containerdCertsDir, String buildkitdConfig, String dockerConfig, String githubEnv, String listen,
                String stateDir, boolean strict) {
            this(registry, region, dockerHubPrefix, daemonConfig, dockerPidFile, containerdCertsDir, buildkitdConfig,
                    dockerConfig, githubEnv, listen, stateDir, strict, null);
        }
    }

    public StartSettings {
        upstreams = List.copyOf(upstreams);
        notes = List.copyOf(notes);
    }

    /**
     * The region of the one GetAuthorizationToken call. An ECR token is valid only in the region it was issued in, so
     * an ECR host's own region decides: a runner in another account and region than a shared (hub) registry still
     * gets a token that the hub accepts, whatever {@code AWS_REGION} the runner has. A {@code --region} that names
     * another region is refused rather than obeyed. Only a host that names no region (a VPC endpoint alias, a test
     * stand-in) takes the region from {@code --region}, then {@code AWS_REGION}, then {@code AWS_DEFAULT_REGION}.
     */
    private static String region(RegistryEndpoint registry, String flag, Map<String, String> env)
            throws InvalidHookSettingException {
        Optional<String> hostRegion = RegistryCoordinates.parseHost(registry.host()).map(RegistryCoordinates::region);
        if (hostRegion.isPresent()) {
            if (flag != null && !flag.equals(hostRegion.get())) {
                throw new InvalidHookSettingException("--region", flag, "the registry " + registry.host() + " is in "
                        + hostRegion.get() + " and an ECR token is valid only in its own region: drop --region or pass "
                        + "--region " + hostRegion.get());
            }
            return hostRegion.get();
        }
        String region = first(flag, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        if (region == null) {
            throw new InvalidHookSettingException("--region", "", "cannot tell the region from " + registry.host()
                    + "; pass --region or set AWS_REGION");
        }
        return region;
    }

    public static StartSettings resolve(Flags f, Map<String, String> env) throws InvalidHookSettingException {
        RegistryEndpoint registry = RegistryEndpoint.parse(first(f.registry(), env.get(RunnerEnvironment.CACHE)));
        String region = region(registry, f.region(), env);
        if (!RegistryCoordinates.isRegionName(region)) {
            throw new InvalidHookSettingException("--region", region, "not an AWS region name such as us-east-1");
        }
        String prefix = first(f.dockerHubPrefix(), env.get(RunnerEnvironment.DOCKER_HUB_PREFIX));
        if (prefix != null && !new RepositoryPrefix(prefix).isWellFormed()) {
            throw new InvalidHookSettingException("--docker-hub-prefix", prefix,
                    "not an ECR repository prefix (2-30 characters, " + RepositoryPrefix.PATTERN + ")");
        }
        List<String> notes = new ArrayList<>();
        List<HookUpstream> upstreams = f.rules() == null
                ? List.of(new HookUpstream(UpstreamRoutes.DEFAULT_UPSTREAM,
                        new RepositoryPrefix(first(prefix, DEFAULT_PREFIX)).canonical(), null))
                : fromRules(Path.of(f.rules()), prefix, notes);
        String home = first(env.get("HOME"), System.getProperty("user.home"));
        return new StartSettings(registry, region, upstreams, notes,
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

    /**
     * Every rule of the file that a mirror can serve ({@link MirroredUpstreams}); the rules that cannot be mirrored
     * go to {@code notes}. A Docker Hub prefix given besides must agree with the file's Docker Hub rule; without one
     * in the file it adds the route (the rule exists, the file just does not list it).
     */
    private static List<HookUpstream> fromRules(Path file, String dockerHubPrefix, List<String> notes)
            throws InvalidHookSettingException {
        RuleSet rules;
        try {
            rules = RulesFile.read(file);
        } catch (RulesFileException e) {
            throw new InvalidHookSettingException("--rules", file.toString(), e.getMessage());
        }
        ValidationReport report = rules.validate(ValidationMode.EXISTING);
        if (!report.isValid()) {
            throw new InvalidHookSettingException("--rules", file.toString(), report.errors().get(0).message()
                    + (report.errors().size() > 1 ? " (and " + (report.errors().size() - 1)
                            + " more; run pullthrough validate --existing " + file + ")" : ""));
        }
        MirroredUpstreams mirrored = MirroredUpstreams.of(rules);
        List<HookUpstream> out = new ArrayList<>();
        mirrored.byRegistry().forEach((host, rule) ->
                out.add(new HookUpstream(host, rule.prefix().canonical(), rule.key())));
        mirrored.skipped().forEach(s -> notes.add("rule \"" + s.rule().key() + "\" (" + s.rule().upstreamRegistryUrl()
                + ") is not mirrored: " + s.reason()));
        if (dockerHubPrefix != null) {
            String given = new RepositoryPrefix(dockerHubPrefix).canonical();
            Optional<PullThroughRule> hub = mirrored.ruleFor(UpstreamRoutes.DEFAULT_UPSTREAM);
            if (hub.isPresent() && !hub.get().prefix().canonical().equals(given)) {
                throw new InvalidHookSettingException("--docker-hub-prefix", dockerHubPrefix, "conflicts with rule \""
                        + hub.get().key() + "\" in " + file + " (ecr_repository_prefix \"" + hub.get().prefix().canonical()
                        + "\"); omit --docker-hub-prefix (and " + RunnerEnvironment.DOCKER_HUB_PREFIX
                        + ") or make them agree");
            }
            if (hub.isEmpty()) {
                out.add(0, new HookUpstream(UpstreamRoutes.DEFAULT_UPSTREAM, given, null));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidHookSettingException("--rules", file.toString(), "no rule in it can be mirrored"
                    + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
        }
        return out;
    }

    /** The Docker Hub route's prefix, empty without one (then dockerd is left alone: it only mirrors Docker Hub). */
    public Optional<String> dockerHubPrefix() {
        return upstreams.stream().filter(u -> u.host().equals(UpstreamRoutes.DEFAULT_UPSTREAM))
                .map(HookUpstream::prefix).findFirst();
    }

    /** The mirror's route table. */
    public UpstreamRoutes routes() {
        return routes(upstreams);
    }

    static UpstreamRoutes routes(List<HookUpstream> upstreams) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        upstreams.forEach(u -> m.put(u.host(), u.prefix()));
        return new UpstreamRoutes(m);
    }

    /** The same settings with fewer upstreams (those whose check through the mirror failed are dropped). */
    public StartSettings withUpstreams(List<HookUpstream> kept) {
        return new StartSettings(registry, region, kept, notes, daemonConfig, dockerPidFile, containerdCertsDir,
                buildkitdConfig, dockerConfigDir, githubEnv, listen, stateDir, strict);
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
