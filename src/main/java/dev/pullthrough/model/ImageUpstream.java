package dev.pullthrough.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What an image's registry is to a pull-through cache: an upstream ECR can cache (which kind, which
 * {@code upstream_registry_url}, and the rule that would cache it), or a local registry no cache is for.
 */
public final class ImageUpstream {
    /** ECR repository prefixes are at most 30 characters. */
    private static final int PREFIX_MAX = RepositoryPrefix.MAX_LENGTH;

    private ImageUpstream() {
    }

    /** The upstream kind of an image registry as references spell it ({@code docker.io}, {@code ghcr.io}). */
    public static Optional<UpstreamKind> kindOf(String imageRegistry) {
        String r = imageRegistry.toLowerCase(Locale.ROOT);
        if (r.equals(ImageReference.DOCKER_HUB)) {
            return Optional.of(UpstreamKind.DOCKER_HUB);
        }
        for (UpstreamKind kind : UpstreamKind.values()) {
            if (kind.imageRegistry(null) != null && kind.imageRegistry(null).equals(r)) {
                return Optional.of(kind);
            }
        }
        return UpstreamKind.classify(r).filter(k -> k == UpstreamKind.AZURE || k == UpstreamKind.ECR);
    }

    /** The {@code upstream_registry_url} a rule caching this registry has: {@code registry-1.docker.io} for docker.io. */
    public static Optional<String> upstreamUrl(String imageRegistry) {
        return kindOf(imageRegistry).map(k -> k == UpstreamKind.DOCKER_HUB ? k.urlForm() : imageRegistry.toLowerCase(Locale.ROOT));
    }

    /**
     * A registry on the machine or its private network ({@code localhost:5000}, {@code 127.0.0.1:5000}, a compose
     * service such as {@code registry:5000}): a build-local registry, never an upstream to cache.
     */
    public static boolean isLocal(String imageRegistry) {
        String host = hostOf(imageRegistry.toLowerCase(Locale.ROOT));
        return host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.startsWith("127.") || host.equals("[::1]") || !host.contains(".");
    }

    /**
     * A rule that would cache {@code imageRegistry}, with the conventional key and prefix ({@code docker_hub} /
     * {@code docker-hub}), and a placeholder Secrets Manager ARN where AWS requires a credential. Empty when ECR
     * cannot cache the registry.
     */
    public static Optional<PullThroughRule> suggestedRule(String imageRegistry) {
        String registry = imageRegistry.toLowerCase(Locale.ROOT);
        return kindOf(registry).map(kind -> {
            String prefix = prefixFor(kind, registry);
            PullThroughRule.Builder rule = PullThroughRule.builder(prefix.replace('-', '_'))
                    .ecrRepositoryPrefix(prefix)
                    .upstreamRegistryUrl(upstreamUrl(registry).orElseThrow());
            if (kind.credentialRequired()) {
                rule.credentialArn("arn:aws:secretsmanager:REGION:ACCOUNT:secret:ecr-pullthroughcache/" + prefix);
            }
            return rule.build();
        });
    }

    private static String prefixFor(UpstreamKind kind, String registry) {
        String prefix = switch (kind) {
            case DOCKER_HUB -> "docker-hub";
            case ECR_PUBLIC -> "ecr-public";
            case KUBERNETES -> "k8s";
            case QUAY -> "quay";
            case GITHUB -> "github";
            case GITLAB -> "gitlab";
            case CHAINGUARD -> "chainguard";
            case AZURE -> "azure-" + registry.substring(0, registry.indexOf('.'));
            case ECR -> "ecr-" + registry.substring(0, registry.indexOf('.'));
        };
        return prefix.length() > PREFIX_MAX ? prefix.substring(0, PREFIX_MAX) : prefix;
    }

    private static String hostOf(String registry) {
        if (registry.startsWith("[")) {
            int end = registry.indexOf(']');
            return end > 0 ? registry.substring(0, end + 1) : registry;
        }
        int colon = registry.indexOf(':');
        return colon >= 0 ? registry.substring(0, colon) : registry;
    }
}
