package dev.pullthrough.model;

/** An image reference that Docker would not accept either. */
public final class InvalidImageReferenceException extends IllegalArgumentException {
    private final String reference;

    public InvalidImageReferenceException(String reference, String reason) {
        super("image reference \"" + reference + "\": " + reason);
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
