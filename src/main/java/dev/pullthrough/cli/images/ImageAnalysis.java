package dev.pullthrough.cli.images;

import dev.pullthrough.model.ImageReference;
import dev.pullthrough.model.ImageUpstream;
import dev.pullthrough.model.InvalidImageReferenceException;
import dev.pullthrough.model.MirrorReach;
import dev.pullthrough.model.MirrorReference;
import dev.pullthrough.model.MirroredUpstreams;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.UpstreamKind;
import java.util.List;
import java.util.Optional;

/** Matches found references against the rules, with the model's normalization and rule matching. */
public final class ImageAnalysis {
    /** Stands for the cache registry when none is given: paste-ready in shell, compose and GitLab CI. */
    public static final String REGISTRY_PLACEHOLDER = "${RUNS_ON_ECR_PULL_THROUGH_CACHE}";

    private final RuleSet rules;
    private final MirroredUpstreams mirrored;
    private final Optional<String> registry;

    public ImageAnalysis(RuleSet rules, Optional<String> registry) {
        this.rules = rules;
        this.mirrored = MirroredUpstreams.of(rules);
        this.registry = registry.map(String::trim).filter(r -> !r.isEmpty()).map(r -> r.toLowerCase(java.util.Locale.ROOT));
    }

    public List<ImageRow> analyse(List<FoundImage> found) {
        return found.stream().map(this::row).toList();
    }

    ImageRow row(FoundImage f) {
        if (f.expansion().text().isEmpty()) {
            return row(f, Coverage.UNRESOLVED, null, null, null, null, null, f.expansion().unresolved().orElse(null));
        }
        ImageReference image;
        try {
            image = ImageReference.parse(f.expansion().text().get());
        } catch (InvalidImageReferenceException e) {
            return row(f, Coverage.INVALID, null, null, null, null, null, e.getMessage());
        }
        String host = registry.orElse(REGISTRY_PLACEHOLDER);
        if (registry.isPresent() && image.registry().equals(registry.get())) {
            return cacheReference(f, image);
        }
        String upstream = ImageUpstream.upstreamUrl(image.registry()).orElse(null);
        Optional<PullThroughRule> rule = MirrorReference.coveringRule(image, rules);
        if (rule.isPresent()) {
            String mirror = MirrorReference.find(image, rules, host).map(ImageReference::toString).orElseThrow();
            return row(f, Coverage.COVERED, image, upstream, rule.get().key(), MirrorReach.of(mirrored, rule.get()), mirror, null);
        }
        if (ImageUpstream.isLocal(image.registry())) {
            return row(f, Coverage.LOCAL, image, null, null, null, null, "a local registry");
        }
        if (ImageUpstream.kindOf(image.registry()).filter(UpstreamKind.ECR::equals).isPresent()) {
            return row(f, Coverage.PRIVATE_ECR, image, upstream, null, null, null,
                    "a private ECR registry, pulled with ECR credentials");
        }
        String reason = upstream == null
                ? "ECR pull-through cache has no upstream for " + image.registry()
                : "no rule caches " + upstream;
        return row(f, Coverage.UNCOVERED, image, upstream, null, null, null, reason);
    }

    /** A reference that names the cache registry already: covered by the rule whose prefix it starts with. */
    private ImageRow cacheReference(FoundImage f, ImageReference image) {
        Optional<PullThroughRule> rule = rules.rules().stream()
                .filter(r -> !r.isRoot() && image.repository().startsWith(r.prefix().canonical() + "/"))
                .findFirst()
                .or(() -> rules.rules().stream().filter(PullThroughRule::isRoot).findFirst());
        if (rule.isEmpty()) {
            return row(f, Coverage.PRIVATE_ECR, image, null, null, null, null,
                    "a repository of the cache registry that no rule's prefix names");
        }
        return row(f, Coverage.COVERED, image, rule.get().upstreamRegistryUrl(), rule.get().key(), null,
                image.toString(), null);
    }

    private static ImageRow row(FoundImage f, Coverage coverage, ImageReference image, String upstream, String rule,
                                MirrorReach reach, String mirror, String reason) {
        return new ImageRow(f, coverage, Optional.ofNullable(image), Optional.ofNullable(upstream),
                Optional.ofNullable(rule), Optional.ofNullable(reach), Optional.ofNullable(mirror),
                Optional.ofNullable(reason));
    }
}
