package dev.pullthrough.hook;

import dev.pullthrough.model.RepositoryPrefix;

/**
 * One upstream the hook mirrors, as {@code start} planned it and {@code state.json} records it.
 *
 * @param host the registry image references name: {@code docker.io}, {@code ghcr.io}, ...
 * @param prefix the ECR repository prefix of its rule ({@code ROOT} for none)
 * @param rule the rule's key in the rules file, null when the route came from {@code --docker-hub-prefix} alone
 */
public record HookUpstream(String host, String prefix, String rule) {
    /** The ECR repository that caches {@code repository} of this upstream. */
    public String cachedRepository(String repository) {
        return RegistryPath.prefixed(repository, prefix);
    }

    /** For output: {@code ghcr.io -> github/ (rule "github")}. */
    public String describe() {
        return host + " -> " + (RepositoryPrefix.ROOT_VALUE.equals(prefix) ? "(ROOT)" : prefix + "/")
                + (rule == null ? "" : " (rule \"" + rule + "\")");
    }
}
