package dev.pullthrough.hook;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hook start}: see docs/HOOK.md. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start the loopback ECR mirror and point dockerd (Docker Hub), containerd and BuildKit (every mirrored",
                "upstream) and the Docker client at it.",
                "Fails open: without --strict any failure is a warning, everything is put back, and the exit code is 0."})
public final class StartCommand implements Callable<Integer> {
    @Option(names = "--registry", paramLabel = "HOST|URL",
            description = "ECR registry host or URL (env RUNS_ON_ECR_PULL_THROUGH_CACHE); http:// only for loopback.")
    String registry;
    @Option(names = "--region", description = "AWS region (env AWS_REGION, AWS_DEFAULT_REGION; else from the host).")
    String region;
    @Option(names = "--docker-hub-prefix", paramLabel = "PREFIX",
            description = "ECR prefix of the Docker Hub rule, ROOT for none "
                    + "(env RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_PREFIX; default docker-hub; "
                    + "with --rules: taken from the file).")
    String prefix;
    @Option(names = "--rules", paramLabel = "FILE",
            description = "Rules JSON (as for 'pullthrough validate --existing'): mirror every upstream a rule caches.")
    String rules;
    @Option(names = "--daemon-config", paramLabel = "FILE|none",
            description = "dockerd config (default /etc/docker/daemon.json).")
    String daemonConfig;
    @Option(names = "--docker-pid-file", paramLabel = "FILE|none",
            description = "dockerd pid file, to reload it with SIGHUP (default /var/run/docker.pid).")
    String dockerPidFile;
    @Option(names = "--containerd-certs-dir", paramLabel = "DIR|none",
            description = "containerd hosts directory (default /etc/containerd/certs.d).")
    String containerdCertsDir;
    @Option(names = "--buildkitd-config", paramLabel = "FILE|none",
            description = "BuildKit config (default /etc/buildkit/buildkitd.toml).")
    String buildkitdConfig;
    @Option(names = "--docker-config", paramLabel = "DIR|none",
            description = "Docker client config dir (env DOCKER_CONFIG; default ~/.docker).")
    String dockerConfig;
    @Option(names = "--github-env", paramLabel = "FILE|none", description = "File to export variables to (env GITHUB_ENV).")
    String githubEnv;
    @Option(names = "--listen", paramLabel = "ADDR:PORT",
            description = "Loopback address of the mirror (env PULLTHROUGH_HOOK_LISTEN; default " + ListenAddress.DEFAULT
                    + "; port 0 = any free port).")
    String listen;
    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Hook state (env PULLTHROUGH_HOOK_STATE_DIR; default /run/pullthrough or $XDG_RUNTIME_DIR/pullthrough).")
    String stateDir;
    @Option(names = "--token-deadline", paramLabel = "SECONDS",
            description = "How long to keep asking ECR for a token while it throttles (env PULLTHROUGH_HOOK_TOKEN_DEADLINE;"
                    + " default 60, at most 600); past it the hook fails open.")
    Integer tokenDeadline;
    @Option(names = "--strict", description = "Exit 1 on failure instead of warning and exiting 0.")
    boolean strict;

    @Override
    public Integer call() {
        Console console = Console.system();
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            console.info(os + " is not Linux; the hook does nothing here");
            return 0;
        }
        Map<String, String> env = System.getenv();
        StartSettings settings;
        try {
            settings = StartSettings.resolve(new StartSettings.Flags(registry, region, prefix, daemonConfig, dockerPidFile,
                    containerdCertsDir, buildkitdConfig, dockerConfig, githubEnv, listen, stateDir, strict, rules), env);
        } catch (InvalidHookSettingException e) {
            console.warn(e.getMessage() + "; nothing was changed");
            return strict ? HookStart.EXIT_FAILED : 0;
        }
        TokenBackoff backoff;
        try {
            backoff = TokenBackoff.withDeadline(tokenDeadline(env));
        } catch (InvalidHookSettingException e) {
            console.warn(e.getMessage() + "; nothing was changed");
            return strict ? HookStart.EXIT_FAILED : 0;
        }
        Path tokenCache = new StateDir(settings.stateDir()).tokenCacheFile();
        int code = new HookStart(settings, console, r -> new CachedTokenSource(tokenCache,
                CachedTokenSource.key(r, env),
                RetryingTokenSource.of(new EcrTokenSource(r, Clock.systemUTC()), backoff), Clock.systemUTC())).run(env);
        console.trace("done");
        return code;
    }

    private Duration tokenDeadline(Map<String, String> env) throws InvalidHookSettingException {
        String raw = tokenDeadline != null ? tokenDeadline.toString() : env.get("PULLTHROUGH_HOOK_TOKEN_DEADLINE");
        if (raw == null || raw.isBlank()) {
            return TokenBackoff.DEFAULT_DEADLINE;
        }
        try {
            int seconds = Integer.parseInt(raw.trim());
            if (seconds >= 1 && seconds <= 600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidHookSettingException("--token-deadline", raw.trim(),
                "not a number of seconds from 1 to 600; use e.g. --token-deadline 60");
    }
}
