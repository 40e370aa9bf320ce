package dev.pullthrough.cdktf;

import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules as a runner fleet sees them: prefix, upstream URL and the optional upstream prefix of rules that exist,
 * without credential_arn and custom_role_arn (those stay on the admin side). In Terraform this is the value of the
 * {@code ecr_pull_through_cache_rules} variable/output (RunsOn's name, kept as the contract); the module side's
 * definition of that variable is {@code module.RunnerRulesVariable}.
 */
public final class RunnerRules {
    private RunnerRules() {
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
