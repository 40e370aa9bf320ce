package dev.pullthrough.iam;

import dev.pullthrough.model.ArnScope;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * EcrPullThroughCacheAccess: what a runner needs to pull, and fill the cache, through a rule set's prefixes.
 *
 * <p>Pull and import actions are scoped to {@code repository/<prefix>/*} per rule. A ROOT rule can only be expressed as
 * {@code repository/*} (every repository in the account), which is granted only then (the rule set's validation warns about it). Never
 * {@code ecr:*}, and never {@code ecr:CreatePullThroughCacheRule}: runners use rules, they do not make them.
 */
public final class RunnerPolicy {
    /** Policies are named uniquely from this prefix unless a name is given, so several fleets never collide. */
    public static final String DEFAULT_POLICY_NAME_PREFIX = "EcrPullThroughCacheAccess-";
    public static final String DEFAULT_DESCRIPTION =
            "Pull images through the ECR pull-through cache, scoped to its rules' prefixes (Pullthrough)";
    public static final String SID_AUTH = "EcrAuthorizationToken";
    public static final String SID_PULL = "PullThroughCachePull";
    public static final String SID_IMPORT = "PullThroughCacheImport";

    private RunnerPolicy() {
    }

    public static PolicyDocument from(RuleSet rules, ArnScope scope) {
        List<Statement> statements = new ArrayList<>();
        statements.add(new Statement(SID_AUTH, List.of(EcrActions.GET_AUTHORIZATION_TOKEN), List.of("*")));
        if (!rules.isEmpty()) {
            List<String> resources = repositoryArns(rules, scope);
            statements.add(new Statement(SID_PULL, EcrActions.PULL, resources));
            statements.add(new Statement(SID_IMPORT, EcrActions.IMPORT, resources));
        }
        return new PolicyDocument(statements);
    }

    /** {@code repository/*} alone when a ROOT rule exists (it covers every prefix); else one ARN per prefix. */
    private static List<String> repositoryArns(RuleSet rules, ArnScope scope) {
        if (rules.hasRoot()) {
            return List.of(scope.allRepositoriesArn());
        }
        TreeSet<String> arns = new TreeSet<>();
        for (PullThroughRule rule : rules.rules()) {
            arns.add(scope.repositoryArn(rule.prefix().canonical()));
        }
        return List.copyOf(arns);
    }
}
