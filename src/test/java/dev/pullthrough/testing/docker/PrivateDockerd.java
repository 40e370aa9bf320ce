package dev.pullthrough.testing.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real dockerd of its own in a short scratch dir: config file, data root, exec root, socket and pid file all inside
 * it, so tests can rewrite its daemon.json and send it SIGHUP like a runner hook does, without touching the machine's
 * Docker. No bridge and no iptables (nothing to clean up in the host network), vfs storage (works in any container),
 * `--debug` so the pull fall-backs ("Attempting next endpoint") land in its log file.
 *
 * <p>Its containerd is private too, started here and passed with {@code --containerd}: left to itself, dockerd uses
 * the machine's containerd whenever {@code /run/containerd/containerd.sock} exists (and then shares its "moby"
 * namespace with the system Docker), so the tests would depend on the system containerd being stopped.
 */
public final class PrivateDockerd implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final ScratchDir dir;
    private final Process process;
    private final Process containerd;
    private final Path socket;
    private final Path pidFile;
    private final Path daemonJson;
    private final Path execRoot;
    private final Path clientConfigDir;
    private final LogFile log;
    private final Thread shutdownHook;

    private PrivateDockerd(ScratchDir dir, Process process, Process containerd, Path socket, Path pidFile,
                           Path daemonJson, Path execRoot, Path clientConfigDir, LogFile log) {
        this.dir = dir;
        this.process = process;
        this.containerd = containerd;
        this.socket = socket;
        this.pidFile = pidFile;
        this.daemonJson = daemonJson;
        this.execRoot = execRoot;
        this.clientConfigDir = clientConfigDir;
        this.log = log;
        this.shutdownHook = new Thread(() -> {
            process.destroy();
            containerd.destroy();
        }, "stop-private-dockerd");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The base settings: no bridge, no iptables, vfs. */
    public static Map<String, Object> baseSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("iptables", false);
        settings.put("bridge", "none");
        settings.put("storage-driver", "vfs");
        return settings;
    }

    public static PrivateDockerd start() {
        return start(Map.of());
    }

    /** Starts a daemon whose daemon.json is the base settings plus {@code extraSettings}; returns once it answers. */
    public static PrivateDockerd start(Map<String, Object> extraSettings) {
        Path dockerd = RequiredTool.DOCKERD.path();
        RequiredTool.DOCKER.path();
        ScratchDir dir = ScratchDir.create();
        Path execRoot = dir.resolve("exec");
        Process containerd;
        try {
            containerd = PrivateContainerd.start(dir, execRoot);
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
        PrivateDockerd daemon;
        try {
            Map<String, Object> settings = baseSettings();
            settings.putAll(extraSettings);
            Path daemonJson = dir.resolve("daemon.json");
            Files.write(daemonJson, JSON.writeValueAsBytes(settings));
            Path socket = dir.resolve("docker.sock");
            Path pidFile = dir.resolve("docker.pid");
            Path logPath = dir.resolve("dockerd.log");
            Path clientConfigDir = dir.directory("client");
            List<String> command = List.of(dockerd.toString(), "--debug",
                    "--config-file", daemonJson.toString(),
                    "--data-root", dir.resolve("root").toString(),
                    "--exec-root", execRoot.toString(),
                    "--containerd", PrivateContainerd.socket(execRoot).toString(),
                    "-H", "unix://" + socket,
                    "-p", pidFile.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logPath.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            daemon = new PrivateDockerd(dir, process, containerd, socket, pidFile, daemonJson, execRoot,
                    clientConfigDir, new LogFile(logPath));
        } catch (IOException e) {
            PrivateContainerd.stop(containerd);
            dir.close();
            throw new UncheckedIOException("cannot start dockerd in " + dir.path(), e);
        }
        daemon.awaitReady();
        return daemon;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = log.tail(30);
                close();
                throw new IllegalStateException("dockerd exited with " + process.exitValue() + " during start:\n" + tail);
            }
            if (Files.exists(socket) && Files.exists(pidFile) && ping()) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        String tail = log.tail(30);
        close();
        throw new IllegalStateException("dockerd did not answer within " + READY_TIMEOUT + ":\n" + tail);
    }

    /** GET /_ping over the unix socket, without the CLI (it answers "OK" once the API is up). */
    public boolean ping() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            try (InputStream in = Channels.newInputStream(channel)) {
                String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                return response.startsWith("HTTP/1.") && response.contains(" 200 ") && response.endsWith("OK");
            }
        } catch (IOException e) {
            return false;
        }
    }

    public Path directory() {
        return dir.path();
    }

    public Path socket() {
        return socket;
    }

    /** DOCKER_HOST form. */
    public String host() {
        return "unix://" + socket;
    }

    public Path pidFile() {
        return pidFile;
    }

    /** The pid dockerd wrote (the one a hook signals), which is the process this harness started. */
    public long pid() {
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path daemonJson() {
        return daemonJson;
    }

    public LogFile log() {
        return log;
    }

    public Path execRoot() {
        return execRoot;
    }

    /** This dockerd's private containerd: usable with `ctr --address` (namespace "moby" holds dockerd's images). */
    public Path containerdSocket() {
        return PrivateContainerd.socket(execRoot);
    }

    /** The docker CLI's config dir (DOCKER_CONFIG) for this daemon: logins land here, not in ~/.docker. */
    public Path clientConfigDir() {
        return clientConfigDir;
    }

    /** Environment for any Docker client (CLI, Testcontainers) that should talk to this daemon. */
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOCKER_HOST", host());
        env.put("DOCKER_CONFIG", clientConfigDir.toString());
        env.put("DOCKER_CLI_HINTS", "false");
        return env;
    }

    /** Runs the real docker CLI against this daemon. */
    public ProcessResult docker(String... args) {
        return docker(Map.of(), args);
    }

    public ProcessResult docker(Map<String, String> extraEnvironment, String... args) {
        return dockerWithInput(extraEnvironment, null, args);
    }

    public ProcessResult dockerWithInput(Map<String, String> extraEnvironment, byte[] stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(RequiredTool.DOCKER.path().toString());
        command.addAll(Arrays.asList(args));
        Map<String, String> env = clientEnvironment();
        env.putAll(extraEnvironment);
        return ProcessRunner.inheritingEnvironment().withEnvironment(env).withTimeout(Duration.ofSeconds(120))
                .run(command, stdin);
    }

    /**
     * Builds {@code contextDir} with the classic builder (DOCKER_BUILDKIT=0): its FROM pulls go through dockerd's own
     * pull path, hence through its registry mirrors.
     */
    public ProcessResult buildClassic(Path contextDir, String tag) {
        return docker(Map.of("DOCKER_BUILDKIT", "0"), "build", "--tag", tag, contextDir.toString());
    }

    /** Runs `ctr` against the containerd that this dockerd manages, in namespace {@code namespace}. */
    public ProcessResult ctr(String namespace, String... args) {
        List<String> command = new ArrayList<>(List.of(RequiredTool.CTR.path().toString(),
                "--address", containerdSocket().toString(), "--namespace", namespace));
        command.addAll(Arrays.asList(args));
        return ProcessRunner.inheritingEnvironment().withTimeout(Duration.ofSeconds(120)).run(command);
    }

    /** The mirrors the running daemon uses now (`docker info`), e.g. {@code http://127.0.0.1:5000/}. */
    public List<String> registryMirrors() {
        String lines = docker("info", "--format", "{{range .RegistryConfig.Mirrors}}{{println .}}{{end}}")
                .requireSuccess().stdout();
        return lines.lines().filter(line -> !line.isBlank()).toList();
    }

    /**
     * The mirrors once they equal {@code expected}, or whatever they are after 5 s: a SIGHUP sent by another process
     * just before is handled asynchronously (in milliseconds).
     */
    public List<String> awaitRegistryMirrors(List<String> expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> mirrors = registryMirrors();
        while (!mirrors.equals(expected) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
            mirrors = registryMirrors();
        }
        return mirrors;
    }

    /** `docker login` with the password on stdin (never in argv). */
    public ProcessResult login(String registry, String user, String password) {
        return dockerWithInput(Map.of(), password.getBytes(StandardCharsets.UTF_8),
                "login", registry, "--username", user, "--password-stdin");
    }

    /** Removes images (ignoring ones that are absent) so the next pull really fetches. */
    public void removeImages(String... references) {
        for (String reference : references) {
            docker("image", "rm", "--force", reference);
        }
    }

    /**
     * Removes every container and image, so the next pull fetches every layer (a removed tag alone is not enough
     * when another tag or a built image still holds the same layers).
     */
    public void purgeImages() {
        removeAllContainers();
        List<String> ids = docker("images", "--all", "--quiet").requireSuccess().stdout().lines()
                .filter(id -> !id.isBlank()).distinct().toList();
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("image", "rm", "--force"));
            args.addAll(ids);
            docker(args.toArray(String[]::new));
        }
        String left = docker("images", "--all", "--quiet").requireSuccess().stdout();
        if (!left.isBlank()) {
            throw new IllegalStateException("images left after purge: " + left);
        }
    }

    private void removeAllContainers() {
        ProcessResult containers = docker("ps", "--all", "--quiet");
        List<String> ids = containers.stdout().lines().filter(id -> !id.isBlank()).toList();
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "--force"));
            args.addAll(ids);
            docker(args.toArray(String[]::new));
        }
    }

    /** Rewrites daemon.json as the given settings (atomically) without reloading. */
    public void writeDaemonJson(Map<String, Object> settings) {
        try {
            Path temp = daemonJson.resolveSibling("daemon.json.harness-tmp");
            Files.write(temp, JSON.writeValueAsBytes(settings));
            Files.move(temp, daemonJson, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + daemonJson, e);
        }
    }

    /**
     * Takes every mirror out of the running daemon and leaves daemon.json with {@code contents}. dockerd (20.10)
     * applies "registry-mirrors" on reload only when the key is present, so the file is first reloaded with an empty
     * list, then {@code contents} are written back without another reload.
     */
    public void clearRegistryMirrors(byte[] contents) {
        Map<String, Object> cleared = baseSettings();
        cleared.put("registry-mirrors", List.of());
        writeDaemonJson(cleared);
        reload();
        try {
            Files.write(daemonJson, contents);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + daemonJson, e);
        }
    }

    /** SIGHUP, as a hook does; waits for the "Reloaded configuration" log line (or the reload error). */
    public void reload() {
        LogFile.Mark mark = log.mark();
        ProcessRunner.inheritingEnvironment().run(List.of("kill", "-HUP", Long.toString(pid()))).requireSuccess();
        log.awaitLine(mark, line -> line.contains("Reloaded configuration") || line.contains("Error reconfiguring"),
                        Duration.ofSeconds(10))
                .orElseThrow(() -> new IllegalStateException("dockerd did not log a reload after SIGHUP:\n" + log.tail(20)));
    }

    /**
     * Removes containers first (a daemon with running containers takes ~10 s to stop), then SIGTERM and wait, then
     * unmounts the netns that dockerd bind-mounts under its exec root, then deletes the scratch dir.
     */
    @Override
    public void close() {
        try {
            if (process.isAlive() && ping()) {
                removeAllContainers();
            }
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            PrivateContainerd.stop(containerd);
            unmountUnder(dir.path());
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // already running the hooks
            }
            dir.close();
        }
    }

    /** Unmounts whatever is still mounted below {@code root} (netns/default, leftovers of a killed daemon). */
    static void unmountUnder(Path root) {
        List<String> mountPoints;
        try {
            mountPoints = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" ")[4])
                    .filter(point -> point.startsWith(root.toString() + "/"))
                    .sorted((a, b) -> b.length() - a.length())
                    .toList();
        } catch (IOException e) {
            return;
        }
        for (String point : mountPoints) {
            ProcessRunner.inheritingEnvironment().withTimeout(Duration.ofSeconds(10)).run(List.of("umount", "-l", point));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
