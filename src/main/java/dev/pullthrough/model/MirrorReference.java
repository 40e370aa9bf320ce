package dev.pullthrough.model;

import java.util.Optional;

/**
 * Rewrites an image reference to the one that pulls it through the cache:
 * {@code node:22} becomes {@code <registry host>/docker-hub/library/node:22}.
 */
public final class MirrorReference {
    private MirrorReference() {
    }

    public static ImageReference rewrite(ImageReference image, RuleSet rules, String registryHost) {
        if (image.registry().equals(registryHost)) {
            return image;
        }
        return find(image, rules, registryHost).orElseThrow(() -> new NoMatchingRuleException(image));
    }

    /** The reference through the cache, or empty when no rule caches the image's registry (and repository). */
    public static Optional<ImageReference> find(ImageReference image, RuleSet rules, String registryHost) {
        return coveringRule(image, rules).flatMap(rule -> through(rule, image, registryHost));
    }

    /** The first rule (by key) that caches {@code image}: same upstream registry, and upstream prefix if it has one. */
    public static Optional<PullThroughRule> coveringRule(ImageReference image, RuleSet rules) {
        return rules.rules().stream().filter(rule -> through(rule, image, "").isPresent()).findFirst();
    }

    private static Optional<ImageReference> through(PullThroughRule rule, ImageReference image, String host) {
        Optional<UpstreamKind> kind = rule.upstreamKind();
        if (kind.isEmpty() || !kind.get().imageRegistry(rule.upstreamRegistryUrl()).equals(image.registry())) {
            return Optional.empty();
        }
        String repository = image.repository();
        if (rule.upstreamRepositoryPrefix().isPresent()) {
            // ECR-to-ECR: the rule maps <ecr prefix>/x to <upstream prefix>/x upstream.
            String upstreamPrefix = RepositoryPrefix.trimSlash(rule.upstreamRepositoryPrefix().get()) + "/";
            if (!repository.startsWith(upstreamPrefix)) {
                return Optional.empty();
            }
            repository = repository.substring(upstreamPrefix.length());
        }
        String cached = rule.isRoot() ? repository : rule.prefix().canonical() + "/" + repository;
        return Optional.of(image.relocate(host, cached));
    }
}
