package dev.pullthrough.testing.docker;

import java.util.List;

/**
 * An image pushed to a registry stand-in: the repository names it was pushed under (all the same content), its tag and
 * the manifest digest the registry reported.
 */
public record SeededImage(String registry, List<String> repositories, String tag, String digest) {

    public SeededImage {
        repositories = List.copyOf(repositories);
    }

    /** {@code registry/repository:tag} for the first repository name. */
    public String reference() {
        return registry + "/" + repositories.get(0) + ":" + tag;
    }
}
