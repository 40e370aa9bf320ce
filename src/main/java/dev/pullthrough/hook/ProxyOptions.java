package dev.pullthrough.hook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The mirror process's command-line options, spelled in this one place: {@link ProxyProcess} writes them with
 * {@link #toArgs()}, the mirror reads them with {@link #parse(List)} (without picocli, which keeps the long-running
 * process smaller), and the hidden {@code proxy} command's help lists {@link #usage()}.
 *
 * @param dockerConfigFile config.json whose login for {@code loginHost} follows token refreshes (both or neither)
 */
public record ProxyOptions(String listen, String registry, String dockerHubPrefix, String region, Path stateDir,
        Path dockerConfigFile, String loginHost) {
    /** One option: its flag, whether it must be given, and how it is read from the record. */
    private record Option(String flag, boolean required, Function<ProxyOptions, Object> value) {
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("--listen", true, ProxyOptions::listen),
            new Option("--registry", true, ProxyOptions::registry),
            new Option("--docker-hub-prefix", true, ProxyOptions::dockerHubPrefix),
            new Option("--region", true, ProxyOptions::region),
            new Option("--state-dir", true, ProxyOptions::stateDir),
            new Option("--docker-config-file", false, ProxyOptions::dockerConfigFile),
            new Option("--login-host", false, ProxyOptions::loginHost));

    /** What {@code hook start} gives its mirror. */
    static ProxyOptions of(StartSettings s, StateDir dir) {
        boolean login = s.dockerConfigDir() != null;
        return new ProxyOptions(s.listen().hostPort(), s.registry().toString(), s.dockerHubPrefix(), s.region(),
                dir.path(), login ? s.dockerConfigDir().resolve("config.json") : null, login ? s.registryHost() : null);
    }

    /** The arguments after {@code proxy}: every option that has a value, as flag-value pairs. */
    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        for (Option o : OPTIONS) {
            Object v = o.value().apply(this);
            if (v != null) {
                args.add(o.flag());
                args.add(v.toString());
            }
        }
        return args;
    }

    /** Reads flag-value pairs; a one-line error names an unknown flag, a flag without a value or a missing one. */
    static ProxyOptions parse(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String flag = args.get(i);
            if (OPTIONS.stream().noneMatch(o -> o.flag().equals(flag))) {
                throw new IllegalArgumentException("unknown proxy option " + flag + "; expected " + usage());
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("proxy option " + flag + " needs a value");
            }
            given.put(flag, args.get(i + 1));
        }
        for (Option o : OPTIONS) {
            if (o.required() && !given.containsKey(o.flag())) {
                throw new IllegalArgumentException("proxy option " + o.flag() + " is missing; expected " + usage());
            }
        }
        String config = given.get("--docker-config-file");
        return new ProxyOptions(given.get("--listen"), given.get("--registry"), given.get("--docker-hub-prefix"),
                given.get("--region"), Path.of(given.get("--state-dir")), config == null ? null : Path.of(config),
                given.get("--login-host"));
    }

    /** {@code --listen V --registry V ... [--docker-config-file V] [--login-host V]}. */
    static String usage() {
        StringBuilder sb = new StringBuilder();
        for (Option o : OPTIONS) {
            String one = o.flag() + " V";
            sb.append(sb.length() == 0 ? "" : " ").append(o.required() ? one : "[" + one + "]");
        }
        return sb.toString();
    }
}
