package dev.pullthrough.hook;

import dev.pullthrough.model.RepositoryPrefix;
import java.util.Optional;

/**
 * Which request paths the mirror forwards, and where to. Only the registry read API is served:
 * {@code /v2/} (the version check) and {@code /v2/<name>/manifests/<ref>}, {@code /v2/<name>/blobs/<digest>},
 * {@code /v2/<name>/tags/list}. {@code <name>} is rewritten to {@code <prefix>/<name>} unless the rule is ROOT.
 * Traversal and encoding tricks are refused before matching, on the raw (undecoded) path.
 *
 * <p>Parsing ({@link #parse}) is separate from routing ({@link #route}: where a parsed name goes upstream). The
 * parser is a single left-to-right scan with bounded lengths, no regular expression: a regex over repeated name
 * components backtracks and recurses per component, which overflowed the mirror's small thread stacks on paths with
 * ~220 segments. Limits are the distribution spec's: a repository name is at most {@value #MAX_NAME_LENGTH}
 * characters of components {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*} joined by {@code /}.
 */
public final class RegistryPath {
    /** The distribution spec's limit on a repository name (all components and slashes). */
    public static final int MAX_NAME_LENGTH = 255;
    /** A tag is at most 128 characters, a digest well under 256; the old pattern allowed 256. */
    static final int MAX_REFERENCE_LENGTH = 256;
    private static final int MAX_PATH_LENGTH = "/v2/".length() + MAX_NAME_LENGTH + "/manifests/".length()
            + MAX_REFERENCE_LENGTH;

    /** Why a path is not forwarded. */
    public enum Refusal {
        /** Outside /v2/. */
        NOT_REGISTRY_API,
        /** "..", ".", "//", percent-encoding or a backslash. */
        TRAVERSAL,
        /** Under /v2/ but not a read API path. */
        UNKNOWN_ENDPOINT,
        /** A read API path whose repository name (or the whole path) is longer than the registry limits. */
        NAME_TOO_LONG
    }

    /**
     * A parsed read API path: the client's repository {@code name} (empty for the {@code /v2/} version check) and
     * the {@code endpoint} after it ({@code manifests/<ref>}, {@code blobs/<digest>}, {@code tags/list}).
     */
    public record ApiPath(String name, String endpoint) {
        static final ApiPath VERSION_CHECK = new ApiPath("", "");

        public boolean isVersionCheck() {
            return name.isEmpty();
        }

        /** The path upstream for a name already mapped there. */
        public String upstreamPath(String upstreamName) {
            return isVersionCheck() ? "/v2/" : "/v2/" + upstreamName + "/" + endpoint;
        }
    }

    /** Either a parsed path, or why it was refused. */
    public record Parsed(Optional<ApiPath> path, Optional<Refusal> refusal) {
        static Parsed of(ApiPath path) {
            return new Parsed(Optional.of(path), Optional.empty());
        }

        static Parsed refused(Refusal why) {
            return new Parsed(Optional.empty(), Optional.of(why));
        }
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
        Parsed parsed = parse(rawPath);
        if (parsed.refusal().isPresent()) {
            return Route.refused(parsed.refusal().get());
        }
        ApiPath p = parsed.path().get();
        return Route.to(p.upstreamPath(p.isVersionCheck() ? "" : prefixed(p.name(), prefix)));
    }

    /** Checks and splits a raw request path; linear in its length, and refuses long ones before looking closer. */
    public static Parsed parse(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/v2/")) {
            return Parsed.refused(Refusal.NOT_REGISTRY_API);
        }
        if (rawPath.indexOf('%') >= 0 || rawPath.indexOf('\\') >= 0 || rawPath.contains("//") || hasDotSegment(rawPath)) {
            return Parsed.refused(Refusal.TRAVERSAL);
        }
        if (rawPath.length() == 4) {
            return Parsed.of(ApiPath.VERSION_CHECK);
        }
        if (rawPath.length() > MAX_PATH_LENGTH) {
            return Parsed.refused(Refusal.NAME_TOO_LONG);
        }
        // The endpoint is the last two segments: <kind>/<value>; the name is everything between /v2/ and it.
        int last = rawPath.lastIndexOf('/');
        int kindStart = rawPath.lastIndexOf('/', last - 1);
        if (kindStart <= 4) {
            return Parsed.refused(Refusal.UNKNOWN_ENDPOINT);
        }
        String kind = rawPath.substring(kindStart + 1, last);
        String value = rawPath.substring(last + 1);
        boolean known = switch (kind) {
            case "manifests" -> isReference(value);
            case "blobs" -> isDigest(value);
            case "tags" -> value.equals("list");
            default -> false;
        };
        String name = rawPath.substring(4, kindStart);
        if (!known || !isName(name)) {
            return Parsed.refused(Refusal.UNKNOWN_ENDPOINT);
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Parsed.refused(Refusal.NAME_TOO_LONG);
        }
        return Parsed.of(new ApiPath(name, kind + "/" + value));
    }

    private static boolean hasDotSegment(String path) {
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            end = end < 0 ? path.length() : end;
            int len = end - start;
            if ((len == 1 || len == 2) && path.charAt(start) == '.' && path.charAt(end - 1) == '.') {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** Components {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*} joined by single slashes. */
    static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        char separator = 0; // the separator run being read, 0 right after a letter or digit
        int run = 0;
        boolean componentStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                separator = 0;
                run = 0;
                componentStart = false;
            } else if (componentStart || (separator != 0 && separator != c)) {
                return false;
            } else if (c == '/') {
                if (separator != 0) {
                    return false;
                }
                componentStart = true;
            } else if (c == '.' && separator == 0
                    || c == '_' && run < 2
                    || c == '-') {
                separator = c;
                run++;
            } else {
                return false;
            }
        }
        return separator == 0 && !componentStart;
    }

    /** A tag or a digest: {@code [A-Za-z0-9_][A-Za-z0-9_.:+=-]*}, at most {@value #MAX_REFERENCE_LENGTH} long. */
    static boolean isReference(String ref) {
        if (ref.isEmpty() || ref.length() > MAX_REFERENCE_LENGTH || !isWord(ref.charAt(0))) {
            return false;
        }
        for (int i = 1; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (!isWord(c) && ".:+=-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code <algorithm>:<encoded>}: {@code [A-Za-z0-9_+.-]+:[A-Za-z0-9=_-]+}, bounded. */
    static boolean isDigest(String digest) {
        int colon = digest.indexOf(':');
        if (colon <= 0 || colon == digest.length() - 1 || digest.length() > MAX_REFERENCE_LENGTH) {
            return false;
        }
        for (int i = 0; i < digest.length(); i++) {
            char c = digest.charAt(i);
            boolean ok = i < colon ? isWord(c) || "+.-".indexOf(c) >= 0 : i == colon || isWord(c) || "=-".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
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
