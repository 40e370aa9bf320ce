package dev.pullthrough.model;

/** No pull-through cache rule caches the registry an image comes from. */
public final class NoMatchingRuleException extends IllegalArgumentException {
    public NoMatchingRuleException(ImageReference image) {
        super("no pull-through cache rule caches " + image.registry() + " (image " + image
                + "); add a rule for that upstream, or pull the image directly");
    }
}
