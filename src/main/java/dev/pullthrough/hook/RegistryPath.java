package dev.pullthrough.hook;

import dev.pullthrough.model.RepositoryPrefix;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which request paths the mirror forwards, and where to. Only the registry read API is served:
 * {@code /v2/} (the version check) and {@code /v2/<name>/manifests/<ref>}, {@code /v2/<name>/blobs/<digest>},
 * {@code /v2/<name>/tags/list}. {@code <name>} is rewritten to {@code <prefix>/<name>} unless the rule is ROOT.
 * Traversal and encoding tricks are refused before matching, on the raw (undecoded) path.
 */
public final class RegistryPath {
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern API = Pattern.compile(
            "/v2/(" + COMPONENT + "(?:/" + COMPONENT + ")*)/(manifests/[A-Za-z0-9_][A-Za-z0-9_.:+=-]{0,255}"
                    + "|blobs/[A-Za-z0-9_+.-]+:[A-Za-z0-9=_-]+|tags/list)");

    /** Why a path is not forwarded. */
    public enum Refusal {
        /** Outside /v2/. */
        NOT_REGISTRY_API,
        /** "..", ".", "//", percent-encoding or a backslash. */
        TRAVERSAL,
        /** Under /v2/ but not a read API path. */
        UNKNOWN_ENDPOINT
    }

    /** Either the upstream path, or why not. */
    public record Route(Optional<String> upstreamPath, Optional<Refusal> refusal) {
        static Route to(String path) {
            return new Route(Optional.of(path), Optional.empty());
        }

        static Route refused(Refusal why) {
            return new Route(Optional.empty(), Optional.of(why));
        }
    }

    private RegistryPath() {
    }

    /**
     * @param rawPath the request path as sent, not decoded
     * @param prefix the Docker Hub rule's ECR prefix (trailing slash ignored), or ROOT
     */
    public static Route route(String rawPath, String prefix) {
        if (rawPath == null || !rawPath.startsWith("/v2/")) {
            return Route.refused(Refusal.NOT_REGISTRY_API);
        }
        if (rawPath.contains("%") || rawPath.contains("\\") || rawPath.contains("//")) {
            return Route.refused(Refusal.TRAVERSAL);
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Route.refused(Refusal.TRAVERSAL);
            }
        }
        if (rawPath.equals("/v2/")) {
            return Route.to("/v2/");
        }
        Matcher m = API.matcher(rawPath);
        if (!m.matches()) {
            return Route.refused(Refusal.UNKNOWN_ENDPOINT);
        }
        return Route.to("/v2/" + prefixed(m.group(1), prefix) + "/" + m.group(2));
    }

    /** The upstream repository name for a client's repository name. */
    static String prefixed(String name, String prefix) {
        String p = prefix;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return RepositoryPrefix.ROOT_VALUE.equals(p) ? name : p + "/" + name;
    }

    /**
     * Maps an upstream path back to what the client asked for (for a relative {@code Location} or {@code Link}
     * header), or empty when it is not under the prefix.
     */
    static Optional<String> unprefixed(String upstreamPath, String prefix) {
        String p = prefix;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (RepositoryPrefix.ROOT_VALUE.equals(p)) {
            return upstreamPath.startsWith("/v2/") ? Optional.of(upstreamPath) : Optional.empty();
        }
        String head = "/v2/" + p + "/";
        return upstreamPath.startsWith(head) ? Optional.of("/v2/" + upstreamPath.substring(head.length())) : Optional.empty();
    }
}
