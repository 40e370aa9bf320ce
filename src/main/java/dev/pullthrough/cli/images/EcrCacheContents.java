package dev.pullthrough.cli.images;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Asks ECR whether a cache repository holds an image: {@code ecr:BatchGetImage}, which the runner policy grants on the
 * cache's repositories. The API reads the repository as it is; unlike a pull through the registry endpoint it does
 * not import from the upstream. A missing repository means "not cached yet" (ECR creates it on the first pull). Other
 * failures (no permission, no network) make the answer unknown; the first one is reported once.
 */
public final class EcrCacheContents implements CacheContents, AutoCloseable {
    private static final List<String> MEDIA_TYPES = List.of(ManifestFetcher.ACCEPT.split(", "));

    private final EcrClient client;
    private final String registryId;
    private final Consumer<String> warn;
    private boolean warned;

    public EcrCacheContents(String region, String registryId, Consumer<String> warn) {
        this.client = EcrClient.builder().region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.registryId = registryId;
        this.warn = warn;
    }

    @Override
    public Optional<Boolean> holds(String repository, String reference) {
        ImageIdentifier id = reference.contains(":") && reference.startsWith("sha256:")
                ? ImageIdentifier.builder().imageDigest(reference).build()
                : ImageIdentifier.builder().imageTag(reference).build();
        try {
            BatchGetImageResponse response = client.batchGetImage(r -> r.registryId(registryId)
                    .repositoryName(repository).imageIds(id).acceptedMediaTypes(MEDIA_TYPES));
            return Optional.of(!response.images().isEmpty());
        } catch (RepositoryNotFoundException e) {
            return Optional.of(false);
        } catch (SdkException e) {
            synchronized (this) {
                if (!warned) {
                    warned = true;
                    warn.accept("cannot tell what the cache holds already (ecr:BatchGetImage: " + e.getMessage()
                            + "); every image is fetched");
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
