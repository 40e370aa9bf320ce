package dev.pullthrough.cdktf;

import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rules in the shape of RunsOn's {@code ecr_pull_through_cache_rules} variable: prefix, upstream URL and the optional
 * upstream prefix. What a runner fleet needs to know about rules that exist; credentials stay on the admin side.
 */
public final class RunsOnRules {
    private RunsOnRules() {
    }

    /** The same rules without credential_arn and custom_role_arn. */
    public static RuleSet of(RuleSet rules) {
        return RuleSet.of(rules.rules().stream()
                .map(r -> PullThroughRule.builder(r.key())
                        .ecrRepositoryPrefix(r.ecrRepositoryPrefix())
                        .upstreamRegistryUrl(r.upstreamRegistryUrl())
                        .upstreamRepositoryPrefix(r.upstreamRepositoryPrefix().orElse(null))
                        .build())
                .toList());
    }

    /** The map a Terraform output or the runner module's variable takes, keys in rule-set order. */
    public static Map<String, Map<String, String>> toTerraformValue(RuleSet rules) {
        Map<String, Map<String, String>> value = new LinkedHashMap<>();
        for (PullThroughRule rule : rules.rules()) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("ecr_repository_prefix", rule.ecrRepositoryPrefix());
            fields.put("upstream_registry_url", rule.upstreamRegistryUrl());
            rule.upstreamRepositoryPrefix().ifPresent(p -> fields.put("upstream_repository_prefix", p));
            value.put(rule.key(), Collections.unmodifiableMap(fields));
        }
        return Collections.unmodifiableMap(value);
    }
}
