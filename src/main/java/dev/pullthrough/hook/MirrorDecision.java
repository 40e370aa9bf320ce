package dev.pullthrough.hook;

import dev.pullthrough.model.RepositoryPrefix;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the mirror does with one request, decided from the request alone (no I/O): answer it itself (a refusal), or
 * forward it to the registry under a rule's prefix. Kept apart from the networking so the rules of what is served
 * read in one place.
 */
sealed interface MirrorDecision {
    /** Answered by the mirror: an error in the registry API's form; {@code logLine} is null when not logged. */
    record Refusal(int status, String code, String message, String allow, String logLine) implements MirrorDecision {
    }

    /** Forwarded: the path and query to ask the registry for, the rule's prefix, and the upstream it serves. */
    record Forward(String upstreamPath, String query, String prefix, String upstream) implements MirrorDecision {
    }

    Pattern QUERY = Pattern.compile("[A-Za-z0-9=&_.:+-]*");

    static MirrorDecision of(RequestHead request, UpstreamRoutes routes) {
        String method = request.method();
        String rawPath = request.rawPath();
        if (!request.peer().isLoopbackAddress()) {
            return new Refusal(403, "DENIED", "the mirror serves loopback clients only", null, null);
        }
        if (!MirrorProxy.hostIsLoopback(request.first("Host"))) {
            return new Refusal(403, "DENIED", "Host must be a loopback address", null, null);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new Refusal(405, "UNSUPPORTED", "the mirror is read-only: GET and HEAD only", "GET, HEAD", null);
        }
        String query = request.rawQuery();
        String ns = UpstreamRoutes.namespaceParameter(query);
        String upstream = UpstreamRoutes.upstreamOf(ns);
        Optional<String> prefix = routes.prefixFor(upstream);
        if (prefix.isEmpty() && (ns != null || !rawPath.equals("/v2/"))) {
            // Never forwarded under another upstream's prefix; the client goes on to its next host.
            return new Refusal(404, "NAME_UNKNOWN", "no pull-through cache rule for upstream " + MirrorProxy.printable(upstream),
                    null, method + " " + MirrorProxy.printable(rawPath) + " [" + MirrorProxy.printable(upstream)
                            + "] -> refused 404 no rule");
        }
        String rulePrefix = prefix.orElse(RepositoryPrefix.ROOT_VALUE);
        RegistryPath.Route route = RegistryPath.route(rawPath, rulePrefix);
        if (route.refusal().isPresent()) {
            Refusal r = switch (route.refusal().get()) {
                case TRAVERSAL -> new Refusal(400, "NAME_INVALID", "path not allowed", null, null);
                case NAME_TOO_LONG -> new Refusal(400, "NAME_INVALID",
                        "repository name longer than " + RegistryPath.MAX_NAME_LENGTH + " characters", null, null);
                case NOT_REGISTRY_API -> new Refusal(404, "NOT_FOUND", "only the registry API under /v2/ is served", null, null);
                default -> new Refusal(404, "NOT_FOUND", "not a registry read API path", null, null);
            };
            return new Refusal(r.status(), r.code(), r.message(), null,
                    method + " " + MirrorProxy.printable(rawPath) + " -> refused " + r.status());
        }
        String upstreamPath = route.upstreamPath().get();
        query = UpstreamRoutes.withoutNamespace(query);
        if (query != null && (!upstreamPath.endsWith("/tags/list") || query.length() > 256
                || !QUERY.matcher(query).matches())) {
            query = null; // only tags/list takes parameters (n, last)
        }
        return new Forward(upstreamPath, query, rulePrefix, upstream);
    }
}
