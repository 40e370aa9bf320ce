package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.EcrTokenStandIn;
import dev.pullthrough.testing.docker.FileSnapshot;
import dev.pullthrough.testing.docker.FreePort;
import dev.pullthrough.testing.docker.PrivateDockerd;
import dev.pullthrough.testing.docker.RegistryStandIns;
import dev.pullthrough.testing.docker.ScratchDir;
import dev.pullthrough.testing.process.ProcessResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One runner as the hook sees it, every part real and private to the scenario: the registry stand-ins with
 * {@code hello:1} seeded, the ECR token API stand-in, a dockerd, and the user's files with settings of their own
 * that the hook must keep (daemon.json, containerd certs.d with another registry, buildkitd.toml, the Docker client
 * config with another login, a $GITHUB_ENV file). One scenario per test class keeps the suite within minutes.
 */
public final class HookScenario implements AutoCloseable {
    static final String BUILDKITD_TOML = "debug = true\n\n[worker.oci]\n  max-parallelism = 2\n\n"
            + "[registry.\"ghcr.io\"]\n  mirrors = [\"mirror.example.com\"]\n";
    static final String DOCKER_CONFIG_JSON = "{\n\t\"auths\": {\n\t\t\"ghcr.io\": {\n\t\t\t\"auth\": \"dXNlcjpnaGNyLXRva2Vu\"\n"
            + "\t\t}\n\t},\n\t\"detachKeys\": \"ctrl-e,e\"\n}";
    static final String GHCR_HOSTS_TOML = "server = \"https://ghcr.io\"\n\n[host.\"https://mirror.example.com\"]\n"
            + "  capabilities = [\"pull\", \"resolve\"]\n";
    static final String GITHUB_ENV = "EXISTING_VARIABLE=kept\n";

    private final RegistryStandIns registries;
    private final EcrTokenStandIn tokenApi;
    private final PrivateDockerd dockerd;
    private final ScratchDir userDir;
    private HookFiles files;
    private HookProcess hook;

    private HookScenario(RegistryStandIns registries, EcrTokenStandIn tokenApi, PrivateDockerd dockerd,
                         ScratchDir userDir, HookFiles files) {
        this.registries = registries;
        this.tokenApi = tokenApi;
        this.dockerd = dockerd;
        this.userDir = userDir;
        this.files = files;
        this.hook = new HookProcess(files, tokenApi.clientEnvironment());
    }

    /** Starts everything and writes the user's files; the hook is not started. */
    public static HookScenario start() {
        RegistryStandIns registries = RegistryStandIns.start();
        EcrTokenStandIn tokenApi = null;
        PrivateDockerd dockerd = null;
        ScratchDir userDir = null;
        try {
            tokenApi = EcrTokenStandIn.start(registries.ecr(), registries.initialPassword());
            dockerd = PrivateDockerd.start();
            registries.seed(dockerd);
            userDir = ScratchDir.create();
            Path certsDir = userDir.directory("certs.d");
            Files.createDirectories(certsDir.resolve("ghcr.io"));
            Files.writeString(certsDir.resolve("ghcr.io/hosts.toml"), GHCR_HOSTS_TOML);
            Path buildkitd = userDir.resolve("buildkitd.toml");
            Files.writeString(buildkitd, BUILDKITD_TOML);
            Files.writeString(dockerd.clientConfigDir().resolve("config.json"), DOCKER_CONFIG_JSON);
            Path githubEnv = userDir.resolve("github_env");
            Files.writeString(githubEnv, GITHUB_ENV);
            HookFiles files = new HookFiles(registries.ecr().url(), EcrTokenStandIn.REGION,
                    RegistryStandIns.DOCKER_HUB_PREFIX, dockerd.daemonJson(), dockerd.pidFile(), certsDir, buildkitd,
                    dockerd.clientConfigDir(), githubEnv, userDir.resolve("state"), "127.0.0.1:" + FreePort.onLoopback());
            return new HookScenario(registries, tokenApi, dockerd, userDir, files);
        } catch (IOException | RuntimeException e) {
            closeQuietly(userDir);
            closeQuietly(dockerd);
            closeQuietly(tokenApi);
            closeQuietly(registries);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    public RegistryStandIns registries() {
        return registries;
    }

    public EcrTokenStandIn tokenApi() {
        return tokenApi;
    }

    public PrivateDockerd dockerd() {
        return dockerd;
    }

    public HookFiles files() {
        return files;
    }

    public HookProcess hook() {
        return hook;
    }

    /** From now on the scenario's hook runs with these files (e.g. another Docker Hub prefix). */
    public void useFiles(HookFiles other) {
        this.files = other;
        this.hook = hook.withFiles(other);
    }

    public Path userDir() {
        return userDir.path();
    }

    /**
     * Runs {@code hook start}, requires exit 0, and waits until dockerd applied the reload (the SIGHUP is handled
     * asynchronously, in milliseconds) so the next pull uses the mirror.
     */
    public ProcessResult startHook() {
        ProcessResult start = hook.start();
        if (start.exitCode() != 0) {
            throw new IllegalStateException("hook start failed: " + start);
        }
        List<String> mirrors = dockerd.awaitRegistryMirrors(List.of(files.mirrorUrl() + "/"));
        if (mirrors.isEmpty() || !mirrors.get(0).equals(files.mirrorUrl() + "/")) {
            throw new IllegalStateException("dockerd's mirrors after hook start: " + mirrors + "\n" + start);
        }
        return start;
    }

    /** The user's files the hook may touch (not its own state dir). */
    public List<Path> userFiles() {
        return List.of(files.daemonJson(), files.containerdCertsDir(), files.buildkitdConfig(),
                files.dockerConfigDir(), files.githubEnv());
    }

    public FileSnapshot snapshotUserFiles() {
        return FileSnapshot.of(userFiles());
    }

    /** Stops the hook (and, as a safety net, its proxy), then everything else. */
    @Override
    public void close() {
        try {
            hook.stop();
            hook.killLeftoverProxy();
        } catch (RuntimeException ignored) {
            // no jar (reported by the tests themselves): teardown goes on
        }
        closeQuietly(dockerd);
        closeQuietly(tokenApi);
        closeQuietly(registries);
        closeQuietly(userDir);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // best effort: the other parts must still be stopped
        }
    }
}
