package dev.pullthrough.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a runner job sees. The names are RunsOn's, kept so that existing workflows keep working.
 */
public final class RunnerEnvironment {
    private RunnerEnvironment() {
    }

    /** The registry host, to build explicit paths: {@code ${CACHE}/<ecr_repository_prefix>/<image>}. */
    public static final String CACHE = "RUNS_ON_ECR_PULL_THROUGH_CACHE";
    /** {@code true} only when a Docker Hub rule makes the transparent daemon mirror possible. */
    public static final String DOCKER_HUB_MIRROR = "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_MIRROR";
    /** The Docker Hub rule's prefix, {@code ROOT} for a ROOT rule. */
    public static final String DOCKER_HUB_PREFIX = "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_PREFIX";

    /** The variables for a rule set on a registry host, in a stable order. Empty when there are no rules. */
    public static Map<String, String> of(RuleSet rules, String registryHost) {
        Map<String, String> env = new LinkedHashMap<>();
        if (rules.isEmpty()) {
            return env;
        }
        env.put(CACHE, registryHost);
        rules.dockerHubRule().ifPresent(hub -> {
            env.put(DOCKER_HUB_MIRROR, "true");
            env.put(DOCKER_HUB_PREFIX, hub.prefix().canonical());
        });
        return env;
    }
}
