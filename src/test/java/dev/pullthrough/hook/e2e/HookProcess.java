package dev.pullthrough.hook.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged hook jar as a real process ({@code java -jar target/pullthrough-0.1.0-hook.jar start|stop|status}),
 * every flag pointing at the scenario's temp files, the AWS environment pointing at the token API stand-in. The ITs
 * run in Maven's integration-test phase, after {@code package} built the jar (failsafe passes its path as
 * {@code pt.hook.jar}). State-dir file names follow docs/HOOK.md.
 */
public final class HookProcess {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final HookFiles files;
    private final Map<String, String> environment;
    /** The command that gets the subcommand and flags; empty: {@code java -jar <hook jar>}. */
    private final List<String> launcher;

    public HookProcess(HookFiles files, Map<String, String> environment) {
        this(files, environment, List.of());
    }

    private HookProcess(HookFiles files, Map<String, String> environment, List<String> launcher) {
        this.files = files;
        this.environment = Map.copyOf(environment);
        this.launcher = List.copyOf(launcher);
    }

    /** The hook jar; a clear failure when the tests were started without `package`. */
    public static Path jar() {
        String configured = System.getProperty("pt.hook.jar");
        Path jar = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("pt.project.dir", "."), "target", "pullthrough-0.1.0-hook.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the hook jar " + jar + " does not exist: run the ITs with `mvn verify` "
                    + "(failsafe runs after `package`), not on their own");
        }
        return jar;
    }

    public HookFiles files() {
        return files;
    }

    public HookProcess withFiles(HookFiles other) {
        return new HookProcess(other, environment, launcher);
    }

    /** Same files and environment, run through another command (e.g. the release tarball's launcher). */
    public HookProcess withLauncher(List<String> command) {
        return new HookProcess(files, environment, command);
    }

    /** Same files, with these variables added to (or replacing) the process environment. */
    public HookProcess withEnvironment(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(extra);
        return new HookProcess(files, merged, launcher);
    }

    /** {@code start} with every scenario flag. */
    public ProcessResult start(String... extraFlags) {
        return run("start", concat(startFlags(), extraFlags));
    }

    /** {@code stop}: it reads what start did from the state dir. */
    public ProcessResult stop(String... extraFlags) {
        return run("stop", concat(List.of("--state-dir", files.stateDir().toString()), extraFlags));
    }

    public ProcessResult status(String... extraFlags) {
        return run("status", concat(List.of("--state-dir", files.stateDir().toString()), extraFlags));
    }

    /** The flags of `start`: each names a file or address of the scenario. */
    public List<String> startFlags() {
        return List.of(
                "--registry", files.registryUrl(),
                "--region", files.region(),
                "--docker-hub-prefix", files.dockerHubPrefix(),
                "--daemon-config", files.daemonJson().toString(),
                "--docker-pid-file", files.dockerPidFile().toString(),
                "--containerd-certs-dir", files.containerdCertsDir().toString(),
                "--buildkitd-config", files.buildkitdConfig().toString(),
                "--docker-config", files.dockerConfigDir().toString(),
                "--github-env", files.githubEnv().toString(),
                "--listen", files.listen(),
                "--state-dir", files.stateDir().toString());
    }

    private static List<String> concat(List<String> flags, String... extra) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(Arrays.asList(extra));
        return all;
    }

    /** {@code java -jar <hook jar> <subcommand> <flags>} (or the launcher's) with the scenario's environment. */
    public ProcessResult run(String subcommand, List<String> flags) {
        List<String> command = new ArrayList<>(launcher.isEmpty() ? List.of(javaBinary(), "-jar", jar().toString()) : launcher);
        command.add(subcommand);
        command.addAll(flags);
        ProcessResult result = ProcessRunner.inheritingEnvironment()
                .withEnvironment(environment)
                .withTimeout(TIMEOUT)
                .run(command);
        // One line per run in the IT output: how long the hook takes is part of what these tests measure.
        System.out.println("[hook] " + subcommand + " exited " + result.exitCode() + " in " + result.elapsed().toMillis() + " ms");
        return result;
    }

    /** The proxy's pid, while its pid file exists. */
    public Optional<Long> proxyPid() {
        Path pidFile = files.stateDir().resolve("proxy.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Optional<ProcessHandle> proxyProcess() {
        return proxyPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    /** A counter from the mirror's {@code proxy-stats.json} (0 before the file exists). */
    public long statsCounter(String name) {
        Path stats = files.stateDir().resolve("proxy-stats.json");
        try {
            return Files.isRegularFile(stats) ? new ObjectMapper().readTree(stats.toFile()).path(name).asLong() : 0;
        } catch (IOException e) {
            return 0; // being replaced right now; the next look sees it
        }
    }

    /**
     * Waits until the mirror's stats file shows {@code name} above {@code before}: the mirror rewrites the file at
     * most every 250 ms, so a request is counted a little after its response.
     */
    public long awaitStatsAbove(String name, long before) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long now;
        while ((now = statsCounter(name)) <= before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return now;
    }

    public Path proxyLog() {
        return files.stateDir().resolve("proxy.log");
    }

    /**
     * Teardown safety net after `stop`: ends the proxy this scenario's hook started, by its pid and only when that
     * process is a java running the hook jar with this scenario's state dir.
     */
    public void killLeftoverProxy() {
        proxyProcess()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(files.stateDir().toString())
                        || cmd.contains(jar().getFileName().toString())).orElse(false))
                .ifPresent(p -> {
                    p.destroy();
                    p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
                        p.destroyForcibly();
                        return null;
                    }).join();
                });
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
