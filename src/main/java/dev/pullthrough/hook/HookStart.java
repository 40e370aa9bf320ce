package dev.pullthrough.hook;

import dev.pullthrough.model.RunnerEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code hook start}: token, mirror process, verification through the mirror, then the Docker, containerd, BuildKit
 * and Docker client files, and the job environment. Every file change is journaled first; any failure undoes all of
 * them and stops the mirror, so Docker is left exactly as it was (fail open).
 */
public final class HookStart {
    /** Exit code with --strict when the hook failed (and undid what it had done). */
    public static final int EXIT_FAILED = ExitCodes.INVALID;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    /** Longest accepted --token-deadline plus the SDK's call timeout. */
    static final Duration TOKEN_WAIT_LIMIT = Duration.ofMinutes(11);

    private final StartSettings s;
    private final Console console;
    private final Function<String, TokenSource> tokenSources;

    public HookStart(StartSettings settings, Console console, Function<String, TokenSource> tokenSources) {
        this.s = settings;
        this.console = console;
        this.tokenSources = tokenSources;
    }

    /** Runs start; returns the exit code. */
    public int run(Map<String, String> env) {
        // The SDK's first call is the slowest step (class loading); it changes nothing, so it starts right away and
        // runs while the files are checked and the mirror's JVM boots.
        CompletableFuture<EcrToken> token = new CompletableFuture<>();
        Thread fetch = new Thread(() -> {
            try {
                token.complete(tokenSources.apply(s.region()).fetch());
            } catch (TokenFetchException | RuntimeException e) {
                token.completeExceptionally(e);
            }
        }, "token-fetch");
        fetch.setDaemon(true);
        fetch.start();
        StateDir dir = new StateDir(s.stateDir());
        try {
            dir.create();
        } catch (IOException e) {
            return fail("cannot create state directory " + s.stateDir() + ": " + e.getMessage());
        }
        try (StateLock lock = StateLock.acquire(dir)) {
            if (dir.readState().isPresent() || ProxyProcess.running(dir).isPresent()) {
                // Start twice = same result: put everything back first, then start from the originals.
                new HookStop(dir, console, false).stopQuietly();
            }
            return startLocked(dir, env, token);
        } catch (IOException e) {
            return fail("cannot use state directory " + s.stateDir() + ": " + e.getMessage());
        }
    }

    private int startLocked(StateDir dir, Map<String, String> env, CompletableFuture<EcrToken> pendingToken) {
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin(s.registry().toString(), s.listen().hostPort(),
                s.dockerHubPrefix().orElse(null)));
        ProxyProcess proxy = null;
        boolean proxyUp = false;
        try {
            // The mirror's JVM boots (and waits for the token) while this one checks dockerd and every file; a
            // problem found here stops it again before anything was changed.
            proxy = ProxyProcess.launch(s, dir);
            console.trace("mirror process launched");
            DockerDaemon docker = s.daemonConfig() != null && s.dockerPidFile() != null && s.dockerHubPrefix().isPresent()
                    ? new DockerDaemon(s.dockerPidFile()) : null;
            if (docker != null) {
                docker.runningPid();
            }
            // Read and check every file before changing any, so a broken file (or one that another running hook
            // points at its mirror) changes nothing.
            for (ConfigTarget target : targets(s.upstreams())) {
                merge(target, ConfigTarget.Wiring.check(s.listen()));
                OtherHookMirrors.refuseIfPresent(target, read(target.path()), dir.path());
            }
            journal.update(journal.state());
            console.trace("checked files");
            EcrToken token = await(pendingToken);
            console.trace("token fetched");
            proxy.sendToken(token);
            ListenAddress bound = proxy.awaitBound(READY_TIMEOUT);
            proxyUp = true;
            console.trace("mirror bound");
            List<HookUpstream> served = verify(bound);
            journal.update(journal.state().withListen(bound.hostPort()).withUpstreams(served));
            console.trace("mirror verified");

            ConfigTarget.Wiring wiring = new ConfigTarget.Wiring(bound, token.authorizationToken());
            for (ConfigTarget target : targets(served)) {
                if (target.kind() == ConfigFileKind.DOCKER_CONFIG) {
                    DockerConfigLogin.helperWarning(read(target.path()), s.registryHost()).ifPresent(console::warn);
                }
                boolean changed = journal.apply(target.kind(), target.path(), merge(target, wiring), target.mode());
                if (target.reloadsDocker() && docker != null) {
                    journal.update(journal.state().withDockerPidFile(docker.pidFile().toString()));
                    if (changed) {
                        docker.reload();
                    }
                }
            }
            console.trace("files written");
            exportEnvironment(token, env, served);
            for (HookUpstream u : served) {
                console.info("mirror " + bound.mirrorUrl() + " serves " + u.describe() + " from " + s.registry()
                        + " for " + (u.host().equals(UpstreamRoutes.DEFAULT_UPSTREAM) && docker != null
                                ? "dockerd, containerd and BuildKit" : "containerd and BuildKit"));
            }
            s.notes().forEach(console::info);
            console.info("token expires " + token.expiresAt() + "; state in " + dir.path());
            return 0;
        } catch (HookException | IOException | RuntimeException e) {
            // A file system error names the file and what is wrong with it; anything else is shown with its type.
            String reason = e instanceof HookException || e instanceof FileSystemException ? e.getMessage() : e.toString();
            undo(dir, journal.state(), proxy, proxyUp);
            CachedTokenSource.forget(dir.tokenCacheFile());
            return fail(reason + "; everything the hook changed was put back, pulls go to their registries as before");
        }
    }

    private static EcrToken await(CompletableFuture<EcrToken> token) throws HookException {
        try {
            // The token source bounds its own retries (--token-deadline); this only guards against a hang past it.
            return token.get(TOKEN_WAIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HookException h) {
                throw h;
            }
            throw new HookException("ecr:GetAuthorizationToken failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new HookException("ecr:GetAuthorizationToken did not answer within " + TOKEN_WAIT_LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookException("interrupted while waiting for the token", e);
        }
    }

    /**
     * Every file start changes, in the order it changes them: dockerd's config (Docker Hub only: dockerd mirrors
     * nothing else), a containerd hosts.toml per upstream, BuildKit's config, the Docker client's login.
     */
    List<ConfigTarget> targets(List<HookUpstream> upstreams) {
        List<ConfigTarget> targets = new ArrayList<>();
        boolean hub = upstreams.stream().anyMatch(u -> u.host().equals(UpstreamRoutes.DEFAULT_UPSTREAM));
        if (s.daemonConfig() != null && hub) {
            targets.add(new ConfigTarget(ConfigFileKind.DAEMON_JSON, s.daemonConfig(), null, true,
                    (original, w) -> DaemonJsonMerger.merge(original, w.mirror().mirrorUrl())));
        }
        if (s.containerdCertsDir() != null) {
            for (HookUpstream u : upstreams) {
                String server = ContainerdHostsToml.serverFor(u.host());
                targets.add(new ConfigTarget(ConfigFileKind.HOSTS_TOML,
                        s.containerdCertsDir().resolve(u.host()).resolve("hosts.toml"), null, false,
                        (original, w) -> ContainerdHostsToml.merge(original, w.mirror().mirrorUrl(), server)));
            }
        }
        if (s.buildkitdConfig() != null) {
            List<String> hosts = upstreams.stream().map(HookUpstream::host).toList();
            targets.add(new ConfigTarget(ConfigFileKind.BUILDKITD_TOML, s.buildkitdConfig(), null, false,
                    (original, w) -> BuildkitdToml.merge(original, w.mirror().hostPort(), hosts)));
        }
        if (s.dockerConfigDir() != null) {
            String host = s.registryHost();
            targets.add(new ConfigTarget(ConfigFileKind.DOCKER_CONFIG, s.dockerConfigDir().resolve("config.json"),
                    AtomicFiles.OWNER_ONLY, false, (original, w) -> w.checkOnly()
                            ? JsonFiles.write(DockerConfigLogin.check(original), "\t")
                            : DockerConfigLogin.merge(original, host, w.basicAuth())));
        }
        return targets;
    }

    private static byte[] merge(ConfigTarget target, ConfigTarget.Wiring wiring) throws HookException, IOException {
        try {
            return target.merge().apply(read(target.path()), wiring);
        } catch (InvalidConfigFileException e) {
            throw new HookException(target.path() + ": " + e.getMessage().substring(e.file().length() + 2), e);
        }
    }

    /**
     * The mirror must reach the registry with the token for every upstream: {@code GET /v2/?ns=<upstream>} goes
     * through the upstream's route and is forwarded to the registry. An upstream that fails is dropped with a
     * warning; when none is left, start fails (and puts everything back).
     */
    private List<HookUpstream> verify(ListenAddress bound) throws HookException {
        // Side by side: each check is a round trip to the registry, and a runner may mirror half a dozen upstreams.
        List<CompletableFuture<HookException>> checks = new ArrayList<>();
        for (HookUpstream u : s.upstreams()) {
            checks.add(CompletableFuture.supplyAsync(() -> {
                try {
                    verify(bound, u.host());
                    return null;
                } catch (HookException e) {
                    return e;
                }
            }));
        }
        List<HookUpstream> served = new ArrayList<>();
        HookException last = null;
        for (int i = 0; i < checks.size(); i++) {
            HookUpstream u = s.upstreams().get(i);
            HookException failed = checks.get(i).join();
            if (failed == null) {
                served.add(u);
            } else {
                last = failed;
                if (s.upstreams().size() > 1) {
                    console.warn(u.host() + " is not mirrored: " + failed.getMessage());
                }
            }
        }
        if (served.isEmpty()) {
            throw last;
        }
        return served;
    }

    private void verify(ListenAddress bound, String upstream) throws HookException {
        int status;
        Optional<String> reason;
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(bound.mirrorUrl() + "/v2/"
                    + (upstream.equals(UpstreamRoutes.DEFAULT_UPSTREAM) ? "" : "?ns=" + upstream)).toURL().openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(20000);
            c.setInstanceFollowRedirects(false);
            status = c.getResponseCode();
            reason = status >= 500 ? MirrorError.message(c.getErrorStream()) : Optional.empty();
            c.disconnect();
        } catch (IOException e) {
            throw new HookException("the mirror at " + bound + " does not answer: " + e.getMessage(), e);
        }
        if (status == 401 || status == 403) {
            throw new HookException("the registry " + s.registry() + " refused the ECR token (HTTP " + status + ")");
        }
        if (status != 200) {
            throw new HookException("the mirror cannot serve " + upstream + " from " + s.registry()
                    + " (GET /v2/ answered HTTP " + status + reason.or(() -> status == 502
                            ? Optional.of("registry unreachable") : Optional.empty()).map(r -> ": " + r).orElse("") + ")");
        }
    }

    private void exportEnvironment(EcrToken token, Map<String, String> env, List<HookUpstream> served)
            throws IOException {
        boolean actions = "true".equals(env.get("GITHUB_ACTIONS")) || s.githubEnv() != null;
        if (actions) {
            // The base64 credential is what lands in config.json and what a careless `cat` would show; masking it
            // keeps it out of job logs. The raw password never appears on stdout at all.
            console.command("::add-mask::" + token.authorizationToken());
        }
        if (s.githubEnv() != null) {
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put(RunnerEnvironment.CACHE, s.registryHost());
            served.stream().filter(u -> u.host().equals(UpstreamRoutes.DEFAULT_UPSTREAM)).findFirst().ifPresent(hub -> {
                vars.put(RunnerEnvironment.DOCKER_HUB_MIRROR, "true");
                vars.put(RunnerEnvironment.DOCKER_HUB_PREFIX, hub.prefix());
            });
            GithubEnv.append(s.githubEnv(), vars);
        }
    }

    private void undo(StateDir dir, HookState state, ProxyProcess proxy, boolean proxyUp) {
        ChangeJournal.UndoResult result = ChangeJournal.undo(dir, state, console::warn,
                new DaemonMirrorsReset(state, console::warn));
        boolean daemonChanged = state.changes().stream().anyMatch(c -> c.kind() == ConfigFileKind.DAEMON_JSON);
        if (daemonChanged && state.dockerPidFile() != null) {
            try {
                new DockerDaemon(Path.of(state.dockerPidFile())).reload();
            } catch (HookException e) {
                console.warn(e.getMessage());
            }
        }
        if (proxyUp) {
            ProxyProcess.stop(dir, Duration.ofSeconds(5));
        }
        if (proxy != null) {
            proxy.kill();
        }
        if (!result.failed()) {
            try {
                dir.clear();
            } catch (IOException e) {
                console.warn("cannot clear " + dir.path() + ": " + e.getMessage());
            }
        }
    }

    private int fail(String reason) {
        console.warn(reason);
        return s.strict() ? EXIT_FAILED : 0;
    }

    private static byte[] read(Path path) throws IOException {
        Optional<byte[]> bytes = AtomicFiles.read(path);
        return bytes.orElse(null);
    }
}
