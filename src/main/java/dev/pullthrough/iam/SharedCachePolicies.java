package dev.pullthrough.iam;

import dev.pullthrough.model.ArnScope;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ShareWith;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The hub side of a cache shared with other accounts: the two resource policies the hub needs so that a runner in
 * another account can pull through it.
 *
 * <ul>
 *   <li>The <b>registry policy</b> grants the first-pull actions ({@code ecr:CreateRepository},
 *       {@code ecr:BatchImportUpstreamImage}) on {@code repository/<prefix>/*} of each rule. It must be the registry
 *       policy: the cache repository does not exist before the first pull, and CreateRepository can only be granted
 *       by an identity policy or the registry policy. A registry policy may hold no other ECR actions.</li>
 *   <li>The <b>repository policy</b>, set on each cache repository by the rule's creation template, grants the pull
 *       actions. It has no Resource element: a repository policy applies to its repository.</li>
 * </ul>
 * Organizations and organizational units are matched by {@code aws:PrincipalOrgID} / {@code aws:PrincipalOrgPaths}
 * with principal {@code *}; accounts by their root principal (every role of that account whose own policy allows it).
 * The spoke's runner role still needs its identity policy ({@link RunnerPolicy} with the hub's account and region).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html">ECR user guide:
 *     IAM permissions required to sync an upstream registry</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry-permissions.html">ECR user guide:
 *     private registry permissions</a>
 */
public final class SharedCachePolicies {
    public static final String SID_FIRST_PULL = "SharedCacheFirstPull";
    public static final String SID_PULL = "SharedCachePull";

    private SharedCachePolicies() {
    }

    /**
     * The registry policy; empty when the cache is shared with nobody or has no rules (a registry policy statement
     * needs a resource, and without rules there is nothing to grant).
     */
    public static ResourcePolicy registryPolicy(RuleSet rules, ShareWith share, ArnScope hub) {
        if (rules.isEmpty()) {
            return new ResourcePolicy(List.of());
        }
        TreeSet<String> arns = new TreeSet<>();
        for (PullThroughRule rule : rules.rules()) {
            arns.add(hub.repositoryArn(rule.prefix().canonical()));
        }
        return new ResourcePolicy(statements(SID_FIRST_PULL, share, hub.partition(), EcrActions.IMPORT,
                List.copyOf(arns)));
    }

    /** The repository policy each cache repository gets from its creation template; empty when shared with nobody. */
    public static ResourcePolicy repositoryPolicy(ShareWith share, String partition) {
        return new ResourcePolicy(statements(SID_PULL, share, partition, EcrActions.PULL, List.of()));
    }

    private static List<ResourceStatement> statements(String sid, ShareWith share, String partition,
            List<String> actions, List<String> resources) {
        List<ResourceStatement> out = new ArrayList<>();
        if (!share.accountIds().isEmpty()) {
            List<String> roots = share.accountIds().stream().sorted().distinct()
                    .map(a -> "arn:" + partition + ":iam::" + a + ":root").toList();
            out.add(new ResourceStatement(sid + "Accounts", roots, actions, resources, Optional.empty()));
        }
        if (!share.organizationIds().isEmpty()) {
            out.add(new ResourceStatement(sid + "Organizations", List.of("*"), actions, resources,
                    Optional.of(PolicyCondition.inOrganizations(sortedDistinct(share.organizationIds())))));
        }
        if (!share.organizationalUnitPaths().isEmpty()) {
            out.add(new ResourceStatement(sid + "OrganizationalUnits", List.of("*"), actions, resources,
                    Optional.of(PolicyCondition.underOrganizationPaths(
                            sortedDistinct(share.organizationalUnitPaths())))));
        }
        return List.copyOf(out);
    }

    private static List<String> sortedDistinct(List<String> values) {
        return values.stream().sorted().distinct().toList();
    }
}
