package dev.pullthrough.cli.images;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullthrough.model.PullThroughRule;
import java.util.List;

/** The rules that would cover the uncovered references, in the rules file's own shape, ready to paste into it. */
final class SuggestedRules {
    private SuggestedRules() {
    }

    static ObjectNode asJson(List<UncoveredGroup> groups) {
        ObjectNode rules = PrettyJson.object();
        for (UncoveredGroup group : groups) {
            group.suggestedRule().ifPresent(rule -> rules.set(rule.key(), ruleJson(rule)));
        }
        return rules;
    }

    static ObjectNode ruleJson(PullThroughRule rule) {
        ObjectNode node = PrettyJson.object();
        node.put("ecr_repository_prefix", rule.ecrRepositoryPrefix());
        node.put("upstream_registry_url", rule.upstreamRegistryUrl());
        rule.credentialArn().ifPresent(arn -> node.put("credential_arn", arn));
        return node;
    }

    static String render(List<UncoveredGroup> groups) {
        return PrettyJson.write(asJson(groups));
    }
}
