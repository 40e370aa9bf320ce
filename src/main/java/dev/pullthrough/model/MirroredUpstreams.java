package dev.pullthrough.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which rules a transparent registry mirror can serve: every rule whose upstream is a registry that image references
 * name ({@code docker.io} for the Docker Hub rule, {@code ghcr.io}, {@code quay.io}, {@code registry.k8s.io},
 * {@code public.ecr.aws}, {@code registry.gitlab.com}, {@code <name>.azurecr.io}, {@code cgr.dev}), keyed by that
 * image registry. A client asks the mirror for {@code <repository>} of an image on that registry; the cache holds it
 * at {@code <ecr_repository_prefix>/<repository>}.
 *
 * <p>Not mirrored, each with the reason: ECR-to-ECR rules (their upstream is a private registry that clients pull
 * from with their own login, not a public one to stand in for), rules with {@code upstream_repository_prefix} (they
 * cache only part of the upstream, so a mirror for the whole registry would send the rest to the wrong place), and a
 * second rule for an upstream that an earlier rule (by key) already mirrors.
 */
public record MirroredUpstreams(Map<String, PullThroughRule> byRegistry, List<Skipped> skipped) {
    /** A rule that is not mirrored, and why (one sentence, for the hook's output). */
    public record Skipped(PullThroughRule rule, String reason) {
    }

    public MirroredUpstreams {
        byRegistry = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byRegistry));
        skipped = List.copyOf(skipped);
    }

    /** The decision for a (valid) rule set; rules are taken in key order. */
    public static MirroredUpstreams of(RuleSet rules) {
        Map<String, PullThroughRule> byRegistry = new LinkedHashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        for (PullThroughRule rule : rules.rules()) {
            Optional<UpstreamKind> kind = rule.upstreamKind();
            if (kind.isEmpty()) {
                skipped.add(new Skipped(rule, "upstream " + rule.upstreamRegistryUrl() + " is not one ECR accepts"));
            } else if (kind.get().isEcr()) {
                skipped.add(new Skipped(rule, "ECR-to-ECR rules are not mirrored: pull "
                        + "<registry>/" + rule.prefix().canonical() + "/<repository> with a login to this registry"));
            } else if (rule.upstreamRepositoryPrefix().isPresent()) {
                skipped.add(new Skipped(rule, "rules with upstream_repository_prefix are not mirrored: they cache only "
                        + "part of the upstream"));
            } else {
                String registry = kind.get().imageRegistry(rule.upstreamRegistryUrl());
                PullThroughRule first = byRegistry.putIfAbsent(registry, rule);
                if (first != null) {
                    skipped.add(new Skipped(rule, "rule \"" + first.key() + "\" already mirrors " + registry));
                }
            }
        }
        return new MirroredUpstreams(byRegistry, skipped);
    }

    /** The rule that serves images of this registry ({@code docker.io}, {@code ghcr.io}, ...), if one is mirrored. */
    public Optional<PullThroughRule> ruleFor(String imageRegistry) {
        return Optional.ofNullable(byRegistry.get(imageRegistry));
    }
}
