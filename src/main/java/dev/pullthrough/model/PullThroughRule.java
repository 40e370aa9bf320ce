package dev.pullthrough.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One pull-through cache rule, as written under a key of the {@code ecr_pull_through_cache_rules} map.
 *
 * <p>Values are trimmed on construction, and blank optional values count as absent (RunsOn's own example sets
 * {@code upstream_repository_prefix = ""}). A rule is not validated on its own: validation needs the whole
 * {@link RuleSet} (duplicate prefixes, the 50-rule quota), see {@link RuleSet#validate}.
 */
public record PullThroughRule(
        String key,
        String ecrRepositoryPrefix,
        String upstreamRegistryUrl,
        Optional<String> upstreamRepositoryPrefix,
        Optional<String> credentialArn,
        Optional<String> customRoleArn) {

    public PullThroughRule {
        key = Objects.requireNonNull(key, "key").trim();
        ecrRepositoryPrefix = ecrRepositoryPrefix == null ? "" : ecrRepositoryPrefix.trim();
        upstreamRegistryUrl = upstreamRegistryUrl == null ? "" : upstreamRegistryUrl.trim();
        upstreamRepositoryPrefix = present(upstreamRepositoryPrefix);
        credentialArn = present(credentialArn);
        customRoleArn = present(customRoleArn);
    }

    private static Optional<String> present(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::trim).filter(v -> !v.isEmpty());
    }

    public static Builder builder(String key) {
        return new Builder(key);
    }

    public RepositoryPrefix prefix() {
        return new RepositoryPrefix(ecrRepositoryPrefix);
    }

    public boolean isRoot() {
        return prefix().isRoot();
    }

    public Optional<UpstreamKind> upstreamKind() {
        return UpstreamKind.classify(upstreamRegistryUrl);
    }

    /** Builder for rules; unset optional fields stay absent. */
    public static final class Builder {
        private final String key;
        private String ecrRepositoryPrefix;
        private String upstreamRegistryUrl;
        private String upstreamRepositoryPrefix;
        private String credentialArn;
        private String customRoleArn;

        private Builder(String key) {
            this.key = key;
        }

        public Builder ecrRepositoryPrefix(String value) {
            this.ecrRepositoryPrefix = value;
            return this;
        }

        public Builder upstreamRegistryUrl(String value) {
            this.upstreamRegistryUrl = value;
            return this;
        }

        public Builder upstreamRepositoryPrefix(String value) {
            this.upstreamRepositoryPrefix = value;
            return this;
        }

        public Builder credentialArn(String value) {
            this.credentialArn = value;
            return this;
        }

        public Builder customRoleArn(String value) {
            this.customRoleArn = value;
            return this;
        }

        public PullThroughRule build() {
            return new PullThroughRule(key, ecrRepositoryPrefix, upstreamRegistryUrl,
                    Optional.ofNullable(upstreamRepositoryPrefix), Optional.ofNullable(credentialArn),
                    Optional.ofNullable(customRoleArn));
        }
    }
}
