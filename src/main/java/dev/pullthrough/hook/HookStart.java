package dev.pullthrough.hook;

import dev.pullthrough.model.RepositoryPrefix;
import dev.pullthrough.model.RunnerEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
        ChangeJournal journal = new ChangeJournal(dir,
                HookState.begin(s.registry().toString(), s.listen().hostPort(), s.dockerHubPrefix()));
        ProxyProcess proxy = null;
        boolean proxyUp = false;
        try {
            // The mirror's JVM boots (and waits for the token) while this one checks dockerd and every file; a
            // problem found here stops it again before anything was changed.
            proxy = ProxyProcess.launch(s, dir);
            console.trace("mirror process launched");
            DockerDaemon docker = s.daemonConfig() != null && s.dockerPidFile() != null
                    ? new DockerDaemon(s.dockerPidFile()) : null;
            if (docker != null) {
                docker.runningPid();
            }
            // Read and check every file before changing any, so a broken file changes nothing.
            dryRun(s.listen());
            journal.update(journal.state());
            console.trace("checked files");
            EcrToken token = await(pendingToken);
            console.trace("token fetched");
            proxy.sendToken(token);
            ListenAddress bound = proxy.awaitBound(READY_TIMEOUT);
            proxyUp = true;
            console.trace("mirror bound");
            journal.update(journal.state().withListen(bound.hostPort()));
            verify(bound);
            console.trace("mirror verified");

            if (s.daemonConfig() != null) {
                byte[] merged = DaemonJsonMerger.merge(read(s.daemonConfig()), bound.mirrorUrl());
                boolean changed = journal.apply(ConfigFileKind.DAEMON_JSON, s.daemonConfig(), merged, null);
                if (docker != null) {
                    journal.update(journal.state().withDockerPidFile(docker.pidFile().toString()));
                    if (changed) {
                        docker.reload();
                    }
                }
            }
            if (s.containerdCertsDir() != null) {
                Path hosts = s.containerdCertsDir().resolve("docker.io").resolve("hosts.toml");
                journal.apply(ConfigFileKind.HOSTS_TOML, hosts,
                        wrap(hosts, () -> ContainerdHostsToml.merge(read(hosts), bound.mirrorUrl())), null);
            }
            if (s.buildkitdConfig() != null) {
                Path toml = s.buildkitdConfig();
                journal.apply(ConfigFileKind.BUILDKITD_TOML, toml,
                        wrap(toml, () -> BuildkitdToml.merge(read(toml), bound.hostPort())), null);
            }
            if (s.dockerConfigDir() != null) {
                Path config = s.dockerConfigDir().resolve("config.json");
                byte[] original = read(config);
                DockerConfigLogin.helperWarning(original, s.registryHost()).ifPresent(console::warn);
                journal.apply(ConfigFileKind.DOCKER_CONFIG, config,
                        wrap(config, () -> DockerConfigLogin.merge(original, s.registryHost(), token.authorizationToken())),
                        AtomicFiles.OWNER_ONLY);
            }
            console.trace("files written");
            exportEnvironment(token, env);
            console.info("Docker Hub mirror " + bound.mirrorUrl() + " -> " + s.registry() + "/v2/"
                    + (s.dockerHubPrefix().equals(RepositoryPrefix.ROOT_VALUE) ? "" : s.dockerHubPrefix() + "/") + " (token expires "
                    + token.expiresAt() + "; state in " + dir.path() + ")");
            return 0;
        } catch (HookException | IOException | RuntimeException e) {
            // A file system error names the file and what is wrong with it; anything else is shown with its type.
            String reason = e instanceof HookException || e instanceof FileSystemException ? e.getMessage() : e.toString();
            undo(dir, journal.state(), proxy, proxyUp);
            return fail(reason + "; everything the hook changed was put back, Docker pulls go to Docker Hub as before");
        }
    }

    private static EcrToken await(CompletableFuture<EcrToken> token) throws HookException {
        try {
            return token.get(READY_TIMEOUT.toSeconds() * 4, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HookException h) {
                throw h;
            }
            throw new HookException("ecr:GetAuthorizationToken failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new HookException("ecr:GetAuthorizationToken did not answer within " + READY_TIMEOUT.toSeconds() * 4 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookException("interrupted while waiting for the token", e);
        }
    }

    /** Merges every file with the configured port and discards the result: invalid files fail before any change. */
    private void dryRun(ListenAddress listen) throws HookException, IOException {
        if (s.daemonConfig() != null) {
            wrap(s.daemonConfig(), () -> DaemonJsonMerger.merge(read(s.daemonConfig()), listen.mirrorUrl()));
        }
        if (s.containerdCertsDir() != null) {
            Path hosts = s.containerdCertsDir().resolve("docker.io").resolve("hosts.toml");
            wrap(hosts, () -> ContainerdHostsToml.merge(read(hosts), listen.mirrorUrl()));
        }
        if (s.buildkitdConfig() != null) {
            wrap(s.buildkitdConfig(), () -> BuildkitdToml.merge(read(s.buildkitdConfig()), listen.hostPort()));
        }
        if (s.dockerConfigDir() != null) {
            Path config = s.dockerConfigDir().resolve("config.json");
            wrap(config, () -> DockerConfigLogin.merge(read(config), s.registryHost(), "QVdTOng="));
        }
    }

    /** The mirror must reach the registry with the token: its {@code GET /v2/} is forwarded upstream. */
    private void verify(ListenAddress bound) throws HookException {
        int status;
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(bound.mirrorUrl() + "/v2/").toURL().openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(20000);
            c.setInstanceFollowRedirects(false);
            status = c.getResponseCode();
            c.disconnect();
        } catch (IOException e) {
            throw new HookException("the mirror at " + bound + " does not answer: " + e.getMessage(), e);
        }
        if (status == 401 || status == 403) {
            throw new HookException("the registry " + s.registry() + " refused the ECR token (HTTP " + status + ")");
        }
        if (status != 200) {
            throw new HookException("the mirror cannot serve from " + s.registry() + " (GET /v2/ answered HTTP "
                    + status + (status == 502 ? ": registry unreachable" : "") + ")");
        }
    }

    private void exportEnvironment(EcrToken token, Map<String, String> env) throws IOException {
        boolean actions = "true".equals(env.get("GITHUB_ACTIONS")) || s.githubEnv() != null;
        if (actions) {
            // The base64 credential is what lands in config.json and what a careless `cat` would show; masking it
            // keeps it out of job logs. The raw password never appears on stdout at all.
            console.command("::add-mask::" + token.authorizationToken());
        }
        if (s.githubEnv() != null) {
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put(RunnerEnvironment.CACHE, s.registryHost());
            vars.put(RunnerEnvironment.DOCKER_HUB_MIRROR, "true");
            vars.put(RunnerEnvironment.DOCKER_HUB_PREFIX, s.dockerHubPrefix());
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

    private interface Merge {
        byte[] apply() throws InvalidConfigFileException, IOException;
    }

    private static byte[] wrap(Path path, Merge merge) throws HookException, IOException {
        try {
            return merge.apply();
        } catch (InvalidConfigFileException e) {
            throw new HookException(path + ": " + e.getMessage().substring(e.file().length() + 2), e);
        }
    }
}
