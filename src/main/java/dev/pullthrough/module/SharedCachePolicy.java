package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;
import static dev.pullthrough.module.Expression.string;

import dev.pullthrough.iam.PolicyCondition;
import dev.pullthrough.iam.PolicyDocument;
import dev.pullthrough.iam.ResourcePolicy;
import dev.pullthrough.iam.ResourceStatement;
import dev.pullthrough.iam.SharedCachePolicies;
import dev.pullthrough.model.ArnScope;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ShareWith;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hub side of a shared cache as Terraform: the registry policy ({@code aws_ecr_registry_policy}) and the
 * repository policy the creation templates carry, both switched on by {@code share_with}.
 *
 * <p>As {@link AccessPolicy} does for the runner policy, the statements are read from the Java
 * {@link SharedCachePolicies}, built once over placeholder values (one per {@code share_with} list and one prefix):
 * each statement is emitted when its list is not empty, with the placeholders replaced by the list and by the rules'
 * repository ARNs. So the modules and the constructs grant the same actions to the same principals under the same
 * conditions; the module tests compare both documents.
 */
final class SharedCachePolicy {
    private static final ArnScope SCOPE = new ArnScope("${local.partition}", "${local.region}", "${local.account_id}");
    private static final String PREFIX_TOKEN = "pullthrough-prefix-token";
    private static final String TOKEN_SUFFIX = "-pullthrough-token";

    private SharedCachePolicy() {
    }

    private static String token(ShareWith.Field field) {
        return field.inputName() + TOKEN_SUFFIX;
    }

    /** {@code shared_repository_arns}, {@code registry_policy} and {@code repository_policy}. */
    static List<Attribute> locals() {
        ShareWith tokens = ShareWith.of(List.of(token(ShareWith.Field.ORGANIZATION_IDS)),
                List.of(token(ShareWith.Field.ORGANIZATIONAL_UNIT_PATHS)), List.of(token(ShareWith.Field.ACCOUNT_IDS)));
        RuleSet oneRule = RuleSet.of(PullThroughRule.builder("rule").ecrRepositoryPrefix(PREFIX_TOKEN)
                .upstreamRegistryUrl("public.ecr.aws").build());
        ResourcePolicy registry = SharedCachePolicies.registryPolicy(oneRule, tokens, SCOPE);
        ResourcePolicy repository = SharedCachePolicies.repositoryPolicy(tokens, SCOPE.partition());

        String arn = registry.statements().get(0).resources().stream().filter(r -> r.contains(PREFIX_TOKEN)).findFirst()
                .orElseThrow(() -> new IllegalStateException("SharedCachePolicies' layout changed, teach SharedCachePolicy"));
        Expression arns = ref("sort(distinct([for rule in values(local.rules) : \"" + arn.replace(PREFIX_TOKEN,
                "${" + RuleMapValidation.canonical("rule.ecr_repository_prefix") + "}") + "\"]))");
        return List.of(
                new Attribute("shared_repository_arns", arns),
                new Attribute("registry_policy", document("local.shared && length(local.rules) > 0", registry)),
                new Attribute("repository_policy", document("local.shared", repository)));
    }

    /** The document when {@code condition} holds, else null; one statement per non-empty list. */
    private static Expression document(String condition, ResourcePolicy policy) {
        List<Expression> statements = new ArrayList<>();
        for (ResourceStatement s : policy.statements()) {
            ShareWith.Field field = fieldOf(s);
            statements.add(Expression.raw("length(local.share_with." + field.inputName() + ") == 0 ? [] : %s",
                    Expression.tuple(Expression.call("jsonencode", statement(s, field)))));
        }
        Expression doc = Expression.inlineObject()
                .put("Version", PolicyDocument.VERSION)
                .put("Statement", Expression.raw("[for statement in %s : jsondecode(statement)]",
                        Expression.call("concat", statements.toArray(Expression[]::new))))
                .build();
        return Expression.raw(condition + " ? %s : null", Expression.call("jsonencode", doc));
    }

    /** The list whose placeholder a statement names, as principal or in its condition. */
    private static ShareWith.Field fieldOf(ResourceStatement s) {
        String text = s.awsPrincipals() + " " + s.condition().map(PolicyCondition::values).orElse(List.of());
        return Arrays.stream(ShareWith.Field.values()).filter(f -> text.contains(token(f))).findFirst()
                .orElseThrow(() -> new IllegalStateException("statement " + s.sid() + " names no share_with list"));
    }

    private static Expression statement(ResourceStatement s, ShareWith.Field field) {
        String list = "local.share_with." + field.inputName();
        Expression principals = s.awsPrincipals().equals(List.of("*")) ? string("*")
                : Expression.forTuple(null, "value", ref(list), Expression.template(only(s.awsPrincipals())
                        .replace(token(field), "${value}")), null);
        Expression.ObjectBuilder o = Expression.object()
                .put("Sid", s.sid())
                .put("Effect", "Allow")
                .put("Principal", Expression.inlineObject().put("AWS", principals).build())
                .put("Action", Expression.stringList(s.actions()));
        if (!s.resources().isEmpty()) {
            o.put("Resource", ref("local.shared_repository_arns"));
        }
        s.condition().ifPresent(c -> o.put("Condition", Expression.inlineObject().put(c.operator(),
                Expression.inlineObject().put(c.key(), ref(list)).build()).build()));
        return o.build();
    }

    private static String only(List<String> values) {
        if (values.size() != 1) {
            throw new IllegalStateException("SharedCachePolicies' layout changed, teach SharedCachePolicy: " + values);
        }
        return values.get(0);
    }

    static Block registryPolicyResource() {
        return Block.of("resource", "aws_ecr_registry_policy", "this")
                .comment("""
                        The registry's one permissions policy (one per registry and region): it replaces any other, such as a
                        replication policy. Only it can grant another account the first pull of an image, which creates the cache
                        repository.""")
                .attr("count", ref("local.shared && length(local.rules) > 0 ? 1 : 0"))
                .blank()
                .attr("policy", ref("local.registry_policy"))
                .blank()
                .block(Block.of("lifecycle")
                        .block(new Validation(ref("!local.has_root_rule"), string(ShareWith.ROOT_RULE_PROBLEM),
                                "no ROOT rule in a shared cache").toBlock("precondition"))
                        .block(new Validation(ref("var.create_repository_templates"),
                                string(ShareWith.NEEDS_TEMPLATES_PROBLEM),
                                "a shared cache needs its creation templates").toBlock("precondition"))
                        .build())
                .build();
    }

    static List<Output> outputs() {
        return List.of(
                new Output("registry_policy_json",
                        "The registry permissions policy that shares the cache (first pulls from share_with); null when not shared.",
                        ref("local.registry_policy")),
                new Output("shared_repository_policy_json",
                        "The repository policy the creation templates give each cache repository (pulls from share_with); null when not shared.",
                        ref("local.repository_policy")));
    }
}
