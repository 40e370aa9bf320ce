package dev.pullthrough.hook;

import dev.pullthrough.model.ImageReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The mirror's route table: for each upstream registry that image references name ({@code docker.io},
 * {@code ghcr.io}, ...), the ECR repository prefix of the rule that caches it ({@code ROOT} for none).
 *
 * <p>How the mirror learns the upstream of a request: containerd's resolver (which BuildKit uses too) adds
 * {@code ?ns=<registry of the image reference>} to every request it sends to a host that is not the image's own
 * registry, i.e. to every mirror. dockerd sends no {@code ns}, and it only ever mirrors Docker Hub, so a request
 * without one is a Docker Hub request. A request for an upstream without a route is refused: it is never sent to a
 * prefix that belongs to another upstream.
 */
public record UpstreamRoutes(Map<String, String> prefixes) {
    /** What dockerd's requests (no {@code ns}) are for. */
    public static final String DEFAULT_UPSTREAM = ImageReference.DOCKER_HUB;
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");

    public UpstreamRoutes {
        prefixes = Collections.unmodifiableMap(new LinkedHashMap<>(prefixes));
        prefixes.keySet().forEach(h -> {
            if (!HOST.matcher(h).matches()) {
                throw new IllegalArgumentException("not a registry host: " + h);
            }
        });
    }

    /** Today's single route: Docker Hub under one prefix. */
    public static UpstreamRoutes dockerHubOnly(String prefix) {
        return new UpstreamRoutes(Map.of(DEFAULT_UPSTREAM, prefix));
    }

    /** From {@code host=prefix} specs, as {@link #specs()} writes them for the mirror process's command line. */
    public static UpstreamRoutes parse(List<String> specs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("an upstream route is host=prefix, not " + spec);
            }
            m.put(spec.substring(0, eq), spec.substring(eq + 1));
        }
        return new UpstreamRoutes(m);
    }

    public List<String> specs() {
        List<String> out = new ArrayList<>();
        prefixes.forEach((host, prefix) -> out.add(host + "=" + prefix));
        return out;
    }

    /**
     * The upstream a request is for: its {@code ns} parameter (Docker Hub's other names count as {@code docker.io}),
     * or Docker Hub when it has none.
     */
    public static String upstreamOf(String ns) {
        return ns == null || ns.isEmpty() ? DEFAULT_UPSTREAM : ImageReference.canonicalRegistry(ns);
    }

    /** The ECR prefix for that upstream; empty when no rule caches it (the request is refused). */
    public Optional<String> prefixFor(String upstream) {
        return Optional.ofNullable(prefixes.get(upstream));
    }

    /** The {@code ns} value of a raw query string ({@code ns=ghcr.io&n=10}), null when there is none. */
    public static String namespaceParameter(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("ns=")) {
                // url.Values.Encode escapes a port's colon: ns=localhost%3A5000
                return java.net.URLDecoder.decode(pair.substring(3), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The query without its {@code ns} parameter (the upstream must not see it), null when nothing is left. */
    public static String withoutNamespace(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.startsWith("ns=") && !pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }
}
