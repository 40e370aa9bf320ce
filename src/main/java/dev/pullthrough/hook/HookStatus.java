package dev.pullthrough.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code hook status}: whether the mirror process is up, where it listens, and its request counters (from
 * {@code proxy-stats.json}, refreshed by the mirror every 250 ms). Exit 0 when up, 3 when down.
 */
public final class HookStatus {
    public static final int EXIT_DOWN = ExitCodes.MIRROR_DOWN;

    private final StateDir dir;
    private final Console console;

    public HookStatus(StateDir dir, Console console) {
        this.dir = dir;
        this.console = console;
    }

    public int run(boolean json) {
        Optional<ProcessHandle> proxy = ProxyProcess.running(dir);
        ObjectNode out = JsonFiles.MAPPER.createObjectNode();
        out.put("up", proxy.isPresent());
        proxy.ifPresent(p -> out.put("pid", p.pid()));
        JsonNode stats = null;
        List<HookUpstream> rules = List.of();
        try {
            Optional<HookState> state = dir.readState();
            state.ifPresent(st -> {
                out.put("listen", st.listen());
                out.put("registry", st.registry());
                out.put("dockerHubPrefix", st.dockerHubPrefix());
                out.put("filesChanged", st.changes().size());
            });
            rules = state.map(HookState::upstreams).orElse(List.of());
            Optional<byte[]> bytes = AtomicFiles.read(dir.statsFile());
            if (bytes.isPresent()) {
                stats = JsonFiles.MAPPER.readTree(bytes.get());
            }
        } catch (IOException e) {
            console.warn("cannot read state in " + dir.path() + ": " + e.getMessage());
        }
        long served = stats == null ? 0 : stats.path("served").asLong();
        long forwarded = stats == null ? 0 : stats.path("forwarded").asLong();
        out.put("served", served);
        out.put("forwarded", forwarded);
        if (stats != null) {
            stats.fields().forEachRemaining(e -> {
                if (!out.has(e.getKey())) {
                    out.set(e.getKey(), e.getValue());
                }
            });
        }
        // Per upstream: the rule from the state, the counters from the mirror (missing until its first write).
        ObjectNode upstreams = JsonFiles.MAPPER.createObjectNode();
        JsonNode counted = stats == null ? JsonFiles.MAPPER.createObjectNode() : stats.path("upstreams");
        for (HookUpstream u : rules) {
            ObjectNode one = upstreams.putObject(u.host());
            one.put("prefix", u.prefix());
            one.put("rule", u.rule());
            for (String counter : List.of("requests", "servedFromEcr", "errors")) {
                one.put(counter, counted.path(u.host()).path(counter).asLong());
            }
        }
        out.set("upstreams", upstreams);
        if (json) {
            console.command(new String(JsonFiles.write(out, "  "), java.nio.charset.StandardCharsets.UTF_8).trim());
        } else {
            if (proxy.isPresent()) {
                console.info("mirror up (pid " + proxy.get().pid() + ", " + out.path("listen").asText("?") + " -> "
                        + out.path("registry").asText("?") + "); requests served " + served + ", forwarded " + forwarded);
            } else {
                console.info("mirror down; requests served " + served + ", forwarded " + forwarded);
            }
            for (HookUpstream u : rules) {
                JsonNode c = upstreams.path(u.host());
                console.info("  " + u.describe() + ": requests " + c.path("requests").asLong() + ", served from ECR "
                        + c.path("servedFromEcr").asLong() + ", errors " + c.path("errors").asLong());
            }
        }
        return proxy.isPresent() ? 0 : EXIT_DOWN;
    }
}
