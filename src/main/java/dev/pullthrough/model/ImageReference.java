package dev.pullthrough.model;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A container image reference split the way Docker reads it: registry, repository, tag and digest.
 *
 * <p>Docker Hub short names are normalised as Docker does: {@code node:22} is registry {@code docker.io},
 * repository {@code library/node}, tag {@code 22}.
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<String> digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final Set<String> DOCKER_HUB_ALIASES =
            Set.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");
    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST_ALGORITHM = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*");
    private static final Pattern HEX = Pattern.compile("[a-f0-9]+");
    /** Hex digits of the digest algorithms registries use (OCI image spec, "Digests"). */
    private static final java.util.Map<String, Integer> DIGEST_LENGTHS = java.util.Map.of("sha256", 64, "sha512", 128);

    public static ImageReference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidImageReferenceException(String.valueOf(reference), "is empty");
        }
        String rest = reference.trim();
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            String d = rest.substring(at + 1);
            checkDigest(reference, d);
            digest = Optional.of(d);
            rest = rest.substring(0, at);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            // Docker's rule: the first part is a registry when it has a dot or a port, or is localhost.
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                // Host names are case-insensitive; rules name them in lower case (GHCR.IO is ghcr.io).
                registry = first.toLowerCase(java.util.Locale.ROOT);
                rest = rest.substring(slash + 1);
            }
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            String t = rest.substring(colon + 1);
            if (!TAG.matcher(t).matches()) {
                throw new InvalidImageReferenceException(reference, "tag \"" + t + "\" is not a valid tag");
            }
            tag = Optional.of(t);
            rest = rest.substring(0, colon);
            if (rest.contains(":")) {
                throw new InvalidImageReferenceException(reference,
                        "has more than one \":\"; a reference has at most one tag (name:tag), e.g. node:22");
            }
        }
        registry = canonicalRegistry(registry);
        if (registry.equals(DOCKER_HUB)) {
            if (!rest.contains("/")) {
                rest = "library/" + rest;
            }
        }
        if (!REPOSITORY.matcher(rest).matches()) {
            throw new InvalidImageReferenceException(reference,
                    "repository \"" + rest + "\" must be lowercase letters, digits and separators");
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** {@code docker.io} for the names Docker Hub goes by ({@code registry-1.docker.io}, ...); any other host as is. */
    public static String canonicalRegistry(String host) {
        return DOCKER_HUB_ALIASES.contains(host) ? DOCKER_HUB : host;
    }

    private static void checkDigest(String reference, String digest) {
        int colon = digest.indexOf(':');
        if (colon < 0) {
            throw new InvalidImageReferenceException(reference,
                    "digest \"" + digest + "\" has no algorithm; write it as sha256:<64 hex digits>");
        }
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        if (!DIGEST_ALGORITHM.matcher(algorithm).matches()) {
            throw new InvalidImageReferenceException(reference,
                    "digest algorithm \"" + algorithm + "\" is not valid; use sha256");
        }
        if (!HEX.matcher(hex).matches()) {
            throw new InvalidImageReferenceException(reference,
                    "digest \"" + digest + "\" must be lowercase hex digits (0-9, a-f) after \"" + algorithm + ":\"");
        }
        Integer length = DIGEST_LENGTHS.get(algorithm);
        if (length != null && hex.length() != length) {
            throw new InvalidImageReferenceException(reference, "digest \"" + digest + "\" has " + hex.length()
                    + " hex digits; a " + algorithm + " digest has exactly " + length);
        }
        if (length == null && hex.length() < 32) {
            throw new InvalidImageReferenceException(reference, "digest \"" + digest + "\" has " + hex.length()
                    + " hex digits; a digest has at least 32 (sha256: 64)");
        }
    }

    /** The same image under another registry and repository, tag and digest kept. */
    public ImageReference relocate(String newRegistry, String newRepository) {
        return new ImageReference(newRegistry, newRepository, tag, digest);
    }

    /** The fully qualified form: {@code docker.io/library/node:22}. A reference without tag or digest stays so. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(registry).append('/').append(repository);
        tag.ifPresent(t -> b.append(':').append(t));
        digest.ifPresent(d -> b.append('@').append(d));
        return b.toString();
    }
}
