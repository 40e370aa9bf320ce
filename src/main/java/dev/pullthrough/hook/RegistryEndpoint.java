package dev.pullthrough.hook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ECR registry the mirror forwards to: {@code https://<host>[:port]}. Given as a bare host (what
 * {@code RUNS_ON_ECR_PULL_THROUGH_CACHE} holds) or a URL. Plain {@code http://} is accepted only for a loopback
 * host, so tests can use a local registry while a real token never travels unencrypted.
 */
public record RegistryEndpoint(String scheme, String host, int port) {
    static final String SETTING = "--registry";

    public RegistryEndpoint {
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("scheme " + scheme);
        }
    }

    public static RegistryEndpoint parse(String value) throws InvalidHookSettingException {
        if (value == null || value.isBlank()) {
            throw new InvalidHookSettingException(SETTING, String.valueOf(value),
                    "no registry given (flag --registry or environment RUNS_ON_ECR_PULL_THROUGH_CACHE)");
        }
        String v = value.trim();
        String withScheme = v.contains("://") ? v : "https://" + v;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new InvalidHookSettingException(SETTING, v, "not a host or URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidHookSettingException(SETTING, v, "only https:// (or http:// for loopback) is supported");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new InvalidHookSettingException(SETTING, v, "not a host or URL");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidHookSettingException(SETTING, v,
                    "a registry has no path; give the host only (the Docker Hub prefix is --docker-hub-prefix)");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !isLoopback(host)) {
            throw new InvalidHookSettingException(SETTING, v,
                    "plain http:// is accepted only for a loopback registry; the token must not travel unencrypted");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
        return new RegistryEndpoint(scheme, host, port);
    }

    /** Only literal loopback addresses and "localhost"; no DNS lookups for other names. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equals("localhost")) {
            return true;
        }
        if (!isDigitsAndDots(h) && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The shape of an IPv4 literal; checked per request (the mirror's Host header), so without a regex. */
    private static boolean isDigitsAndDots(String h) {
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return !h.isEmpty();
    }

    /**
     * Whether this is an ECR registry, by its host name. ECR answers every blob GET with a redirect to S3, which the
     * mirror passes to the client, so what the mirror decrypts from it are small bodies only (manifests, errors):
     * the mirror's compilers are chosen by this ({@link MirrorCompilers}).
     */
    public boolean isEcr() {
        return scheme.equals("https") && EcrHost.PATTERN.matcher(host).matches();
    }

    /**
     * Compiled on first use only: {@code hook start} against a plain-HTTP registry never needs it. Broader than the
     * model's {@code RegistryCoordinates.parseHost}, which checks rule input (the FIPS and dual-stack names are no
     * rule's, but a runner may pull through them); a wrong answer here only picks the mirror's compilers.
     */
    private static final class EcrHost {
        /**
         * An ECR private registry's host: {@code <account>.dkr.ecr.<region>.amazonaws.com} ({@code .com.cn} in
         * China), its FIPS form {@code dkr.ecr-fips}, and the dual-stack forms {@code dkr-ecr[-fips].<region>.on.aws}.
         */
        static final Pattern PATTERN = Pattern.compile(
                "[0-9]{12}\\.dkr\\.ecr(?:-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?"
                        + "|[0-9]{12}\\.dkr-ecr(?:-fips)?\\.[a-z0-9-]+\\.on\\.aws");
    }

    /** {@code host} or {@code host:port} when the port is not the scheme's default: Docker's key for logins. */
    public String authority() {
        boolean defaultPort = (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return defaultPort ? host : host + ":" + port;
    }

    public URI baseUri() {
        return URI.create(scheme + "://" + authority());
    }

    @Override
    public String toString() {
        return baseUri().toString();
    }
}
