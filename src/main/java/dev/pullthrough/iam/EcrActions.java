package dev.pullthrough.iam;

import java.util.List;

/**
 * The ECR actions a runner needs to pull through a pull-through cache, and nothing else.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html">ECR user guide:
 *     IAM policies required for pull-through cache</a>
 */
public final class EcrActions {
    private EcrActions() {
    }

    /** Logs Docker in to the registry. Has no resource scope, so it is granted on {@code *}. */
    public static final String GET_AUTHORIZATION_TOKEN = "ecr:GetAuthorizationToken";
    /** Reads an image manifest from a cache repository. */
    public static final String BATCH_GET_IMAGE = "ecr:BatchGetImage";
    /** Gets the (S3) download URL of a layer. */
    public static final String GET_DOWNLOAD_URL_FOR_LAYER = "ecr:GetDownloadUrlForLayer";
    /** Checks which layers a repository has. */
    public static final String BATCH_CHECK_LAYER_AVAILABILITY = "ecr:BatchCheckLayerAvailability";
    /** Imports an image from upstream on the first pull and on the 24 h re-check. */
    public static final String BATCH_IMPORT_UPSTREAM_IMAGE = "ecr:BatchImportUpstreamImage";
    /** Creates the cache repository on the first pull of an image. */
    public static final String CREATE_REPOSITORY = "ecr:CreateRepository";

    /** Pulling a cached image. Sorted, as the policy renders them. */
    public static final List<String> PULL =
            List.of(BATCH_CHECK_LAYER_AVAILABILITY, BATCH_GET_IMAGE, GET_DOWNLOAD_URL_FOR_LAYER);
    /** Filling the cache on a miss. Sorted, as the policy renders them. */
    public static final List<String> IMPORT = List.of(BATCH_IMPORT_UPSTREAM_IMAGE, CREATE_REPOSITORY);
}
