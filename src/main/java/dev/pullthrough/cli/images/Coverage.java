package dev.pullthrough.cli.images;

/** What a reference is to the cache. The JSON contract spells these in lower case with dashes. */
public enum Coverage {
    /** A rule caches the image's registry (or the reference already names the cache). */
    COVERED("covered"),
    /** An upstream registry no rule caches (or one ECR cannot cache at all): pulled from the upstream directly. */
    UNCOVERED("uncovered"),
    /** Built from an expression or variable whose value is not in the file: listed, never guessed. */
    UNRESOLVED("unresolved"),
    /** Not a valid image reference (Docker would refuse it too). */
    INVALID("invalid"),
    /** A registry on the machine or its private network (localhost:5000, a compose service): nothing to cache. */
    LOCAL("local"),
    /** A private ECR registry: pulled with ECR credentials, no upstream rate limit; not counted as uncovered. */
    PRIVATE_ECR("private-ecr");

    private final String id;

    Coverage(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
