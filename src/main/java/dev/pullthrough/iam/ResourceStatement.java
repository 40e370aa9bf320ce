package dev.pullthrough.iam;

import java.util.List;
import java.util.Optional;

/**
 * One Allow statement of a resource policy (registry or repository policy): who ({@code Principal.AWS}), what, on
 * which resources (none for a repository policy, whose resource is the repository itself), under which condition.
 */
public record ResourceStatement(String sid, List<String> awsPrincipals, List<String> actions, List<String> resources,
        Optional<PolicyCondition> condition) {
    public ResourceStatement {
        awsPrincipals = List.copyOf(awsPrincipals);
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }
}
