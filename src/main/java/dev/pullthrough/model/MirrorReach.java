package dev.pullthrough.model;

/**
 * Whether each kind of client on a runner reaches a rule's cache transparently, by the image's usual name through the
 * hook's mirror, or only by the explicit mirror reference ({@code pullthrough mirror-ref}).
 *
 * <p>The hook mirrors the rules {@link MirroredUpstreams} picks. containerd ({@code certs.d/<registry>/hosts.toml})
 * and a standalone BuildKit ({@code buildkitd.toml}) take a mirror per registry, so they reach every mirrored rule.
 * dockerd's {@code registry-mirrors} applies to Docker Hub only, so {@code docker pull}/{@code run}, compose, the
 * builder inside dockerd and GitHub Actions' {@code container:}/{@code services:} reach nothing else transparently.
 */
public record MirrorReach(boolean dockerd, boolean containerd, boolean buildkit) {
    public static MirrorReach of(MirroredUpstreams mirrored, PullThroughRule rule) {
        UpstreamKind kind = rule.upstreamKind().orElseThrow(
                () -> new IllegalArgumentException("rule " + rule.key() + " has no upstream ECR accepts"));
        String registry = kind.imageRegistry(rule.upstreamRegistryUrl());
        if (mirrored.ruleFor(registry).filter(rule::equals).isEmpty()) {
            return new MirrorReach(false, false, false);
        }
        return kind == UpstreamKind.DOCKER_HUB ? new MirrorReach(true, true, true) : new MirrorReach(false, true, true);
    }

    public boolean everywhere() {
        return dockerd && containerd && buildkit;
    }

    public boolean nowhere() {
        return !dockerd && !containerd && !buildkit;
    }
}
