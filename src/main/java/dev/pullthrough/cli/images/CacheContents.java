package dev.pullthrough.cli.images;

import java.util.Optional;

/** Whether the cache holds an image already, without pulling it through (so without touching the upstream). */
@FunctionalInterface
public interface CacheContents {
    /**
     * @param repository the cache repository ({@code docker-hub/library/node})
     * @param reference a tag or a digest
     * @return true or false, or empty when the cache cannot be asked (the image is then fetched)
     */
    Optional<Boolean> holds(String repository, String reference);
}
