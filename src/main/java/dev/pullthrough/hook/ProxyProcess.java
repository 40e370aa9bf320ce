package dev.pullthrough.hook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The mirror as a detached background process: the same jar, run as {@code HookMain proxy ...} with a small heap,
 * in its own session ({@code setsid}) so it outlives the hook. Output goes to {@code proxy.log}. The token is written
 * to the child's stdin, never put on its command line or in its environment (both are visible to other users).
 * The child writes {@code proxy.pid} and, once bound, {@code proxy.addr}.
 */
public final class ProxyProcess {
    /**
     * A small heap: the mirror only copies streams, on one event-loop thread. 24 MB holds the state of the server's
     * 256 client connections and their registry connections (buffers of a few KB, 256 KiB while a blob streams, and
     * TLS buffers per registry connection) with room for garbage (docs/PERFORMANCE.md, "The mirror's memory, second
     * pass").
     *
     * <p>-Xmn5m with SurvivorRatio=2: a young generation that holds what a burst of 200 requests has in flight, with
     * survivor spaces of 1.25 MB, so a collection in the middle of a burst does not promote it; with the default young
     * size the old generation grew the heap to its cap over a few dozen bursts. This holds because a request makes
     * little garbage (heads written straight to bytes, the token's header encoded once: {@link HeadBytes}); before
     * that a young generation of 5 MB still grew the heap. -Xms9m leaves the old generation 4 MB at start: the
     * mirror's archive loads its heap objects there, and a JVM that cannot place them refuses to start.
     *
     * <p>-UsePerfData: no shared-memory counters file (nothing reads it; jcmd still attaches).
     *
     * <p>Which compilers run, and how early, depends on the registry ({@link MirrorCompilers}). Each flag chosen
     * with {@code bench/mirror-cpu.sh} and {@code bench/mirror-tls.sh}.
     */
    private static final List<String> JVM_FLAGS = List.of("-Xms9m", "-Xmx24m", "-Xmn5m", "-XX:SurvivorRatio=2",
            "-Xss256k", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-XX:ReservedCodeCacheSize=24m", "-XX:MaxMetaspaceSize=64m", "-XX:MaxDirectMemorySize=32m",
            "-Djdk.nio.maxCachedBufferSize=262144", "-XX:+ExitOnOutOfMemoryError");

    /**
     * The class-data archive the mirror maps, from the directory the tarball's launcher names in
     * {@code PULLTHROUGH_HOOK_MIRROR_AOT_DIR}: {@code mirror-tls.aot} for an https registry (trained against one: the
     * JDK's ~1100 TLS classes come mapped instead of parsed, and {@code hook start} over TLS, which waits for the
     * mirror's first handshake, took ~120 ms less: docs/PERFORMANCE.md, "The mirror over TLS, third pass"), else
     * {@code mirror.aot}, which holds no TLS class (a JDK 25 runtime loads every class of its archive at start, and
     * the TLS ones cost the plain-HTTP mirror 7 MB). None outside the tarball.
     */
    static List<String> archiveFlags(String dir, boolean tlsRegistry) {
        if (dir == null || dir.isBlank()) {
            return List.of();
        }
        Path archive = Path.of(dir, tlsRegistry ? "mirror-tls.aot" : "mirror.aot");
        if (!Files.isRegularFile(archive)) {
            archive = Path.of(dir, "mirror.aot"); // maps with the https flags too (the build checks it)
        }
        if (!Files.isRegularFile(archive)) {
            return List.of();
        }
        return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-XX:AOTCache=" + archive);
    }

    /** The mirror's JVM flags for its registry: the heap above and the compilers for what the registry sends. */
    static List<String> jvmFlags(RegistryEndpoint registry) {
        return jvmFlags(MirrorCompilers.forRegistry(registry));
    }

    static List<String> jvmFlags(MirrorCompilers compilers) {
        List<String> flags = new ArrayList<>(JVM_FLAGS);
        flags.addAll(compilers.flags());
        return List.copyOf(flags);
    }

    private final Process process;
    private final StateDir dir;

    private ProxyProcess(Process process, StateDir dir) {
        this.process = process;
        this.dir = dir;
    }

    /** Starts the child; it waits for the token on stdin before it binds. */
    public static ProxyProcess launch(StartSettings s, StateDir dir) throws IOException {
        Files.deleteIfExists(dir.addrFile());
        Files.deleteIfExists(dir.pidFile());
        List<String> cmd = new ArrayList<>();
        Optional<Path> setsid = findOnPath("setsid");
        setsid.ifPresent(p -> cmd.add(p.toString()));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        boolean https = s.registry().scheme().equals("https");
        cmd.addAll(jvmFlags(s.registry()));
        cmd.addAll(archiveFlags(System.getenv("PULLTHROUGH_HOOK_MIRROR_AOT_DIR"), https));
        String extra = System.getenv("PULLTHROUGH_HOOK_PROXY_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+"))); // for diagnosis: e.g. -XX:NativeMemoryTracking=summary
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HookMain.class.getName());
        cmd.add("proxy");
        cmd.addAll(ProxyOptions.of(s, dir).toArgs());
        if (!Files.exists(dir.logFile())) {
            AtomicFiles.write(dir.logFile(), new byte[0], AtomicFiles.OWNER_ONLY);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // glibc gives each thread that mallocs its own arena; with a thread per request that is most of the RSS.
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.logFile().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.logFile().toFile()));
        return new ProxyProcess(pb.start(), dir);
    }

    /**
     * Hands the token over and closes stdin. A child that already exited (it could not bind, say) closed its end:
     * the reason is then its last log line ("cannot listen on ...: Address already in use"), not the pipe's
     * "Stream closed".
     */
    public void sendToken(EcrToken token) throws HookException {
        try (OutputStream in = process.getOutputStream()) {
            in.write(ProxyCommand.tokenHandoff(token).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw exited(e);
        }
    }

    private HookException exited(IOException cause) {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return new HookException("the mirror process exited (code " + process.exitValue() + "): "
                        + lastLogLine(dir), cause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new HookException("cannot hand the token to the mirror process: " + cause.getMessage(), cause);
    }

    /** Waits until the child has bound its port; fails when it exits first. */
    public ListenAddress awaitBound(Duration timeout) throws HookException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                Optional<byte[]> addr = AtomicFiles.read(dir.addrFile());
                if (addr.isPresent()) {
                    return ListenAddress.parse(new String(addr.get(), StandardCharsets.US_ASCII).trim());
                }
                if (!process.isAlive()) {
                    throw new HookException("the mirror process exited (code " + process.exitValue() + "): "
                            + lastLogLine(dir));
                }
                Thread.sleep(10);
            } catch (IOException e) {
                throw new HookException("cannot read " + dir.addrFile() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HookException("interrupted", e);
            }
        }
        throw new HookException("the mirror process did not start listening within " + timeout.toSeconds() + " s: "
                + lastLogLine(dir));
    }

    /** Kills a child that never came up. */
    public void kill() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The running mirror named by {@code proxy.pid}, if that process is still the one that wrote it. */
    public static Optional<ProcessHandle> running(StateDir dir) {
        try {
            Optional<byte[]> bytes = AtomicFiles.read(dir.pidFile());
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(new String(bytes.get(), StandardCharsets.US_ASCII).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(h -> h.isAlive() && !isZombie(h.pid()));
            Optional<byte[]> recorded = AtomicFiles.read(dir.startedFile());
            if (handle.isPresent() && recorded.isPresent()) {
                // Guards against a recycled pid: the start time must be the one the mirror recorded.
                Optional<Instant> started = handle.get().info().startInstant();
                long expected = Long.parseLong(new String(recorded.get(), StandardCharsets.US_ASCII).trim());
                if (started.isPresent() && started.get().toEpochMilli() != expected) {
                    return Optional.empty();
                }
            }
            return handle;
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stops the running mirror (SIGTERM, then SIGKILL after the grace period). */
    public static boolean stop(StateDir dir, Duration grace) {
        Optional<ProcessHandle> handle = running(dir);
        if (handle.isEmpty()) {
            return false;
        }
        ProcessHandle h = handle.get();
        h.destroy();
        if (!awaitExit(h, grace)) {
            h.destroyForcibly();
            awaitExit(h, Duration.ofSeconds(2));
        }
        try {
            Files.deleteIfExists(dir.pidFile());
            Files.deleteIfExists(dir.startedFile());
            Files.deleteIfExists(dir.addrFile());
        } catch (IOException ignored) {
            // The next start replaces them.
        }
        return true;
    }

    /**
     * Polls rather than {@code onExit()}: the mirror is not our child, the JDK polls non-children every 300+ ms, and
     * an exited process stays a zombie until its new parent reaps it; both count as gone here.
     */
    static boolean awaitExit(ProcessHandle h, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!h.isAlive() || isZombie(h.pid())) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static String lastLogLine(StateDir dir) {
        try {
            List<String> lines = Files.readAllLines(dir.logFile(), StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
        } catch (IOException ignored) {
            // No log: nothing to add.
        }
        return "see " + dir.logFile();
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String d : path.split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
