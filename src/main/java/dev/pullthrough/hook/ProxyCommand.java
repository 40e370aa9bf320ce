package dev.pullthrough.hook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * The mirror in the foreground (what {@code start} runs detached). Reads the first token from stdin (the hook
 * writes it there so it is never in argv or the environment), binds, writes {@code proxy.pid} and
 * {@code proxy.addr}, keeps {@code proxy-stats.json} current, and runs until SIGTERM.
 */
@Command(name = "proxy", hidden = true, mixinStandardHelpOptions = true,
        description = "Run the mirror proxy in the foreground (started by 'start' with its options; the token is read"
                + " from stdin).")
public final class ProxyCommand implements Callable<Integer> {
    /** Exit code when the server stops accepting while the process is up (so a supervisor restarts it). */
    static final int EXIT_SERVER_DIED = 70;

    /** Passed to {@link ProxyOptions#parse}, the one reader of these options. */
    @Unmatched
    List<String> args = new ArrayList<>();

    /** Line 1: the base64 authorization token; line 2: expiry, epoch ms; line 3: when it was obtained, epoch ms. */
    static String tokenHandoff(EcrToken t) {
        return t.authorizationToken() + "\n" + t.expiresAt().toEpochMilli() + "\n" + t.obtainedAt().toEpochMilli() + "\n";
    }

    static EcrToken readHandoff(BufferedReader in) throws IOException {
        String token = in.readLine();
        String expires = in.readLine();
        String obtained = in.readLine();
        if (token == null || expires == null || obtained == null) {
            throw new IOException("no token on stdin");
        }
        return new EcrToken(token.trim(), Instant.ofEpochMilli(Long.parseLong(expires.trim())),
                Instant.ofEpochMilli(Long.parseLong(obtained.trim())));
    }

    /**
     * The mirror process's entry point, without picocli (it only ever gets the arguments {@link ProxyProcess}
     * writes; skipping the parser keeps the long-running process smaller).
     */
    static int runDirect(String[] args) throws Exception {
        return run(ProxyOptions.parse(List.of(args).subList(1, args.length)));
    }

    @Override
    public Integer call() throws Exception {
        return run(ProxyOptions.parse(args));
    }

    private static int run(ProxyOptions o) throws Exception {
        StateDir dir = new StateDir(o.stateDir());
        // stdout and stderr also go to proxy.log (the hook redirects them), for JVM errors; events go through the
        // rotating log.
        ProxyLog logger = new ProxyLog(dir.logFile(), ProxyLog.DEFAULT_MAX_BYTES);
        MirrorProxy proxy;
        try {
            // Bind and warm up while the hook is still fetching the token: both JVMs work at the same time.
            proxy = MirrorProxy.bind(new MirrorProxy.Config(ListenAddress.parse(o.listen()),
                    RegistryEndpoint.parse(o.registry()), o.routes(), ServerLimits.DEFAULT,
                    dir.path().toAbsolutePath().normalize()), logger);
        } catch (IOException e) {
            // The hook reads this line back as the reason (e.g. "Address already in use": another process has it).
            logger.accept("error: cannot listen on " + o.listen() + ": " + e.getMessage());
            return 1;
        }
        Console.system().trace("mirror bound, waiting for the token");
        EcrToken first;
        try {
            first = readHandoff(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)));
        } catch (IOException | RuntimeException e) {
            logger.accept("error: " + e.getMessage());
            proxy.close();
            return 1;
        }
        EcrTokenSource source = new EcrTokenSource(o.region(), Clock.systemUTC());
        RefreshingToken token = new RefreshingToken(source, first, Clock.systemUTC(), logger);
        if (o.dockerConfigFile() != null && o.loginHost() != null) {
            token.onRefresh(new DockerLoginRefresher(o.dockerConfigFile(), o.loginHost(), logger));
        }
        proxy.serve(token, fatal -> {
            // A port that accepts and never answers is worse than none: exit so status says "down" and a
            // supervisor (systemd) restarts the mirror.
            logger.accept("error: " + fatal.getMessage() + "; the mirror exits");
            System.exit(EXIT_SERVER_DIED);
        });
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        AtomicFiles.write(dir.startedFile(), (started + "\n").getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
        AtomicFiles.write(dir.pidFile(), (self.pid() + "\n").getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
        AtomicFiles.write(dir.addrFile(), (proxy.address().hostPort() + "\n").getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.OWNER_ONLY);
        Console.system().trace("mirror serving");
        logger.accept("mirror listening on " + proxy.address() + " (" + proxy.threadKind() + "), forwarding to "
                + o.registry() + " (upstreams " + String.join(", ", o.routes().specs()) + "), token expires "
                + first.expiresAt());

        ScheduledExecutorService stats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stats");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<String> last = new AtomicReference<>("");
        Runnable writeStats = () -> writeStats(dir, proxy, token, last);
        stats.scheduleWithFixedDelay(writeStats, 0, 250, TimeUnit.MILLISECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stats.shutdownNow();
            writeStats.run();
            try {
                Files.deleteIfExists(dir.addrFile());
            } catch (IOException ignored) {
                // Best effort on the way out.
            }
            logger.accept("mirror stopped; " + proxy.counters().snapshot());
            source.close();
            try {
                logger.close();
            } catch (IOException ignored) {
                // Exiting anyway.
            }
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private static void writeStats(StateDir dir, MirrorProxy proxy, RefreshingToken token, AtomicReference<String> last) {
        Map<String, Long> snapshot = new java.util.LinkedHashMap<>(proxy.counters().snapshot());
        snapshot.put("tokenRefreshes", token.refreshes());
        // Numbers only, so no JSON library: the mirror process stays without Jackson (less memory, faster start).
        StringBuilder json = new StringBuilder("{\n");
        snapshot.forEach((k, v) -> json.append("  \"").append(k).append("\": ").append(v).append(",\n"));
        // Route table hosts are [a-z0-9.:-] (UpstreamRoutes checks), so they need no escaping.
        json.append("  \"upstreams\": {");
        String sep = "\n";
        for (Map.Entry<String, UpstreamCounters> u : proxy.counters().upstreams().entrySet()) {
            json.append(sep).append("    \"").append(u.getKey()).append("\": {");
            String inner = "";
            for (Map.Entry<String, Long> c : u.getValue().snapshot().entrySet()) {
                json.append(inner).append('"').append(c.getKey()).append("\": ").append(c.getValue());
                inner = ", ";
            }
            json.append('}');
            sep = ",\n";
        }
        json.append("\n  },\n");
        json.setLength(json.length() - 2);
        json.append("\n}\n");
        if (json.toString().equals(last.get())) {
            return;
        }
        try {
            AtomicFiles.write(dir.statsFile(), json.toString().getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
            last.set(json.toString());
        } catch (IOException | RuntimeException ignored) {
            // Retried on the next tick.
        }
    }
}
