package dev.pullthrough.cli.images;

import dev.pullthrough.model.ImageReference;
import dev.pullthrough.model.MirrorReach;
import java.util.Optional;

/**
 * One reference and what the rules make of it.
 *
 * @param found where it is written and how
 * @param coverage covered, uncovered, ...
 * @param image the normalized reference, when it resolved and parsed
 * @param upstream the {@code upstream_registry_url} of its registry, when ECR can cache that registry
 * @param rule the key of the rule that covers it
 * @param reach per client, whether the hook's mirror serves it under its usual name; empty when it already names the
 *     cache or is not covered
 * @param mirrorReference the reference that pulls it through the cache explicitly
 * @param reason why it is unresolved, invalid or uncacheable
 */
public record ImageRow(FoundImage found, Coverage coverage, Optional<ImageReference> image, Optional<String> upstream,
                       Optional<String> rule, Optional<MirrorReach> reach, Optional<String> mirrorReference,
                       Optional<String> reason) {

    /** How a runner gets it through the cache, in a word: mirror, mirror-ref, "dockerd: mirror-ref", cache. */
    public String via() {
        if (coverage != Coverage.COVERED) {
            return "-";
        }
        if (reach.isEmpty()) {
            return "cache";
        }
        MirrorReach r = reach.get();
        if (r.everywhere()) {
            return "mirror";
        }
        return r.nowhere() ? "mirror-ref" : "mirror; dockerd: mirror-ref";
    }
}
