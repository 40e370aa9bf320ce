package dev.pullthrough.hook;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code start}'s command line read without picocli, for the hook jar's own entry point ({@link HookMain}): picocli
 * costs ~0.25 s of CPU per run (its classes are Java 5 class files, which the class-data archive cannot hold, and it
 * reads every command's annotations through reflection proxies), a third of a whole {@code start} from the release
 * tarball. Only the plain forms are taken here ({@code --flag value}, {@code --flag=value}, {@code --strict}, each
 * flag at most once, no value that starts with {@code -}); anything else (help, {@code --stacktrace}, an unknown or
 * repeated flag, a bad number) is left to picocli, so its messages and exit codes stay the only ones.
 * {@code HookCommandTest} pins that both read the same fields from the same arguments and that this knows every
 * flag picocli declares.
 */
final class StartArgs {
    /** Every flag of {@link StartCommand} that takes a value, as its {@code @Option} names it. */
    static final Set<String> VALUE_FLAGS = Set.of("--registry", "--region", "--docker-hub-prefix", "--rules",
            "--daemon-config", "--docker-pid-file", "--containerd-certs-dir", "--buildkitd-config", "--docker-config",
            "--github-env", "--listen", "--state-dir", "--token-deadline");
    static final String STRICT = "--strict";

    private StartArgs() {
    }

    /** The command for {@code args} ({@code args[0]} is "start"), or empty when picocli must read them. */
    static Optional<StartCommand> parse(String[] args) {
        if (args.length == 0 || !args[0].equals("start")) {
            return Optional.empty();
        }
        StartCommand c = new StartCommand();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!seen.add(name)) {
                return Optional.empty();
            }
            if (name.equals(STRICT) && value == null) {
                c.strict = true;
                continue;
            }
            if (!VALUE_FLAGS.contains(name)) {
                return Optional.empty();
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return Optional.empty();
                }
                value = args[++i];
            }
            if (value.startsWith("-") || !set(c, name, value)) {
                return Optional.empty();
            }
        }
        return Optional.of(c);
    }

    private static boolean set(StartCommand c, String name, String value) {
        switch (name) {
            case "--registry" -> c.registry = value;
            case "--region" -> c.region = value;
            case "--docker-hub-prefix" -> c.prefix = value;
            case "--rules" -> c.rules = value;
            case "--daemon-config" -> c.daemonConfig = value;
            case "--docker-pid-file" -> c.dockerPidFile = value;
            case "--containerd-certs-dir" -> c.containerdCertsDir = value;
            case "--buildkitd-config" -> c.buildkitdConfig = value;
            case "--docker-config" -> c.dockerConfig = value;
            case "--github-env" -> c.githubEnv = value;
            case "--listen" -> c.listen = value;
            case "--state-dir" -> c.stateDir = value;
            case "--token-deadline" -> {
                if (!value.matches("[0-9]{1,9}")) {
                    return false; // picocli's conversion error, or its reading of signs and spaces
                }
                c.tokenDeadline = Integer.valueOf(value);
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
