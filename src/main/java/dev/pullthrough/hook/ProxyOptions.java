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
 * @param dockerHubPrefix Docker Hub only, under this prefix (when no {@code upstreams} are given)
 * @param upstreams {@code HOST=PREFIX}: each upstream registry and its ECR prefix (repeatable)
 * @param dockerConfigFile config.json whose login for {@code loginHost} follows token refreshes (both or neither)
 */
public record ProxyOptions(String listen, String registry, String dockerHubPrefix, List<String> upstreams, String region,
        Path stateDir, Path dockerConfigFile, String loginHost) {
    /** One option: its flag, whether it must be given, and how it is read from the record (a list: repeated). */
    private record Option(String flag, boolean required, Function<ProxyOptions, Object> value) {
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("--listen", true, ProxyOptions::listen),
            new Option("--registry", true, ProxyOptions::registry),
            new Option("--docker-hub-prefix", false, ProxyOptions::dockerHubPrefix),
            new Option("--upstream", false, ProxyOptions::upstreams),
            new Option("--region", true, ProxyOptions::region),
            new Option("--state-dir", true, ProxyOptions::stateDir),
            new Option("--docker-config-file", false, ProxyOptions::dockerConfigFile),
            new Option("--login-host", false, ProxyOptions::loginHost));

    public ProxyOptions {
        upstreams = List.copyOf(upstreams);
    }

    /** What {@code hook start} gives its mirror. */
    static ProxyOptions of(StartSettings s, StateDir dir) {
        boolean login = s.dockerConfigDir() != null;
        return new ProxyOptions(s.listen().hostPort(), s.registry().toString(), null, s.routes().specs(), s.region(),
                dir.path(), login ? s.dockerConfigDir().resolve("config.json") : null, login ? s.registryHost() : null);
    }

    /** The route table: the upstreams given, or Docker Hub alone under the prefix. */
    UpstreamRoutes routes() {
        return upstreams.isEmpty() ? UpstreamRoutes.dockerHubOnly(dockerHubPrefix) : UpstreamRoutes.parse(upstreams);
    }

    /** The arguments after {@code proxy}: every option that has a value, as flag-value pairs. */
    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        for (Option o : OPTIONS) {
            Object v = o.value().apply(this);
            for (Object one : v instanceof List<?> many ? many : v == null ? List.of() : List.of(v)) {
                args.add(o.flag());
                args.add(one.toString());
            }
        }
        return args;
    }

    /** Reads flag-value pairs; a one-line error names an unknown flag, a flag without a value or a missing one. */
    static ProxyOptions parse(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> upstreams = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            String flag = args.get(i);
            if (OPTIONS.stream().noneMatch(o -> o.flag().equals(flag))) {
                throw new IllegalArgumentException("unknown proxy option " + flag + "; expected " + usage());
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("proxy option " + flag + " needs a value");
            }
            if (flag.equals("--upstream")) {
                upstreams.add(args.get(i + 1));
            } else {
                given.put(flag, args.get(i + 1));
            }
        }
        if (upstreams.isEmpty() && !given.containsKey("--docker-hub-prefix")) {
            throw new IllegalArgumentException("proxy needs --upstream or --docker-hub-prefix; expected " + usage());
        }
        for (Option o : OPTIONS) {
            if (o.required() && !given.containsKey(o.flag())) {
                throw new IllegalArgumentException("proxy option " + o.flag() + " is missing; expected " + usage());
            }
        }
        String config = given.get("--docker-config-file");
        return new ProxyOptions(given.get("--listen"), given.get("--registry"), given.get("--docker-hub-prefix"),
                upstreams, given.get("--region"), Path.of(given.get("--state-dir")), config == null ? null : Path.of(config),
                given.get("--login-host"));
    }

    /** {@code --listen V --registry V [--docker-hub-prefix V] ... [--login-host V]}. */
    static String usage() {
        StringBuilder sb = new StringBuilder();
        for (Option o : OPTIONS) {
            String one = o.flag() + " V";
            sb.append(sb.length() == 0 ? "" : " ").append(o.required() ? one : "[" + one + "]");
        }
        return sb.toString();
    }
}
