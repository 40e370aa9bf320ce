package dev.pullthrough.testing.docker;

import java.util.List;

/**
 * The two registries of every end-to-end scenario: a "Docker Hub" and an "ECR" pull-through cache of it that wants
 * Basic auth, with the test image {@code hello:1} seeded.
 * <p>
 * Seeding: an ECR pull-through rule with prefix {@code docker-hub} serves {@code docker-hub/library/hello} from Docker
 * Hub's {@code library/hello}. Distribution in proxy mode forwards the path unchanged, so the Docker Hub stand-in holds
 * the same image under both names. The alternative, pushing straight into the ECR stand-in, would need it out of proxy
 * mode and lose the upstream hop that makes it a cache; with both names seeded, a request that reaches the Docker Hub
 * stand-in as {@code /v2/docker-hub/library/hello/...} is proof that the prefix was added before ECR, i.e. by the
 * hook's proxy, and a request for {@code /v2/library/hello/...} at the ECR stand-in is proof that it was not.
 */
public final class RegistryStandIns implements AutoCloseable {
    /** The ECR repository prefix of the Docker Hub rule the tests emulate. */
    public static final String DOCKER_HUB_PREFIX = "docker-hub";
    public static final String IMAGE_REPOSITORY = "library/hello";
    public static final String IMAGE_TAG = "1";
    /** How users write it. */
    public static final String SHORT_NAME = "hello:1";

    private final DistributionRegistry dockerHub;
    private final DistributionRegistry ecr;
    private final String initialPassword;
    private SeededImage image;

    private RegistryStandIns(DistributionRegistry dockerHub, DistributionRegistry ecr, String initialPassword) {
        this.dockerHub = dockerHub;
        this.ecr = ecr;
        this.initialPassword = initialPassword;
    }

    public static RegistryStandIns start() {
        DistributionRegistry hub = DistributionRegistry.dockerHub();
        try {
            String password = EcrTokenStandIn.newPassword();
            return new RegistryStandIns(hub, DistributionRegistry.ecr(hub, password), password);
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
    }

    /** Pushes {@code hello:1} to the Docker Hub stand-in as library/hello and docker-hub/library/hello. */
    public SeededImage seed(PrivateDockerd daemon) {
        image = ImageSeeder.seed(daemon, dockerHub,
                List.of(IMAGE_REPOSITORY, DOCKER_HUB_PREFIX + "/" + IMAGE_REPOSITORY), IMAGE_TAG);
        return image;
    }

    public DistributionRegistry dockerHub() {
        return dockerHub;
    }

    public DistributionRegistry ecr() {
        return ecr;
    }

    /** The password the ECR stand-in accepts until a token stand-in rotates it. */
    public String initialPassword() {
        return initialPassword;
    }

    public SeededImage image() {
        if (image == null) {
            throw new IllegalStateException("seed(daemon) first");
        }
        return image;
    }

    /** The repository the ECR stand-in must be asked for when the mirror works: docker-hub/library/hello. */
    public static String prefixedRepository() {
        return DOCKER_HUB_PREFIX + "/" + IMAGE_REPOSITORY;
    }

    @Override
    public void close() {
        try {
            ecr.close();
        } finally {
            dockerHub.close();
        }
    }
}
