package dev.pullthrough.cli.images;

import java.util.Optional;

/**
 * What warming one image did.
 *
 * @param image the normalized upstream reference
 * @param mirrorReference where the cache holds it
 * @param status {@code cached} (the cache had it: nothing fetched), {@code fetched} (pulled through the cache now),
 *     {@code failed}
 * @param manifests how many manifests were fetched (an index and each of its platforms count one each)
 * @param error the registry's or AWS's error, for {@code failed}
 */
public record WarmOutcome(String image, String mirrorReference, Status status, int manifests, Optional<String> error) {
    /** The JSON contract spells these in lower case. */
    public enum Status {
        CACHED("cached"), FETCHED("fetched"), FAILED("failed");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    static WarmOutcome failed(String image, String mirrorReference, int manifests, String error) {
        return new WarmOutcome(image, mirrorReference, Status.FAILED, manifests, Optional.of(error));
    }
}
