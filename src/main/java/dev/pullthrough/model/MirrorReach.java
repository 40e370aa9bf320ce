package dev.pullthrough.model;

/**
 * Whether each kind of client on a runner reaches an upstream's cache transparently, by the image's usual name
 * through the hook's mirror, or only by the explicit mirror reference ({@code pullthrough mirror-ref}).
 *
 * <p>dockerd's {@code registry-mirrors} applies to Docker Hub only, so {@code docker pull}/{@code run}, compose, the
 * builder embedded in dockerd and GitHub Actions' {@code container:}/{@code services:} mirror nothing else. containerd
 * ({@code certs.d/<registry>/hosts.toml}) and a standalone BuildKit ({@code buildkitd.toml}) take a mirror per
 * registry; the hook writes one for every upstream its rules cover. An ECR-to-ECR rule is never mirrored: the runner
 * pulls that registry with its own ECR credentials already.
 */
public record MirrorReach(boolean dockerd, boolean containerd, boolean buildkit) {
    public static MirrorReach of(UpstreamKind kind) {
        return switch (kind) {
            case DOCKER_HUB -> new MirrorReach(true, true, true);
            case ECR -> new MirrorReach(false, false, false);
            default -> new MirrorReach(false, true, true);
        };
    }

    public boolean everywhere() {
        return dockerd && containerd && buildkit;
    }

    public boolean nowhere() {
        return !dockerd && !containerd && !buildkit;
    }
}
