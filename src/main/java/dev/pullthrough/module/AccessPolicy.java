package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;
import static dev.pullthrough.module.Expression.string;

import dev.pullthrough.iam.PolicyDocument;
import dev.pullthrough.iam.RunnerPolicy;
import dev.pullthrough.iam.Statement;
import dev.pullthrough.model.ArnScope;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RepositoryPrefix;
import dev.pullthrough.model.RoleNames;
import dev.pullthrough.model.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The EcrPullThroughCacheAccess policy as Terraform: the {@code aws_iam_policy_document} the access and runner
 * modules share, the optional {@code aws_iam_policy} and role attachments, their inputs and outputs.
 *
 * <p>The statements are not written here: they are read from {@link RunnerPolicy} itself, built once for no rules,
 * once for a named prefix and once for ROOT, over an {@link ArnScope} of Terraform expressions. Statements that exist
 * without rules are static; the others get the per-rule resource list, whose ARN shapes are the ones RunnerPolicy
 * produced. So {@code pullthrough policy} and the modules grant the same actions on the same resources, in the same
 * statement order; the generated tests compare the two documents.
 */
final class AccessPolicy {
    private static final ArnScope SCOPE = new ArnScope("${local.partition}", "${local.region}", "${local.account_id}");
    private static final String TOKEN = "pullthrough-prefix-token";

    private AccessPolicy() {
    }

    /** {@code repository_arns} and {@code policy_statements}; need local.rules and the coordinate locals. */
    static List<Attribute> locals() {
        PolicyDocument none = RunnerPolicy.from(RuleSet.empty(), SCOPE);
        PolicyDocument named = RunnerPolicy.from(RuleSet.of(rule(TOKEN)), SCOPE);
        PolicyDocument root = RunnerPolicy.from(RuleSet.of(rule(RepositoryPrefix.ROOT_VALUE)), SCOPE);
        Set<String> staticSids = none.statements().stream().map(Statement::sid).collect(Collectors.toSet());

        String namedArn = only(named, TOKEN);
        String rootArn = only(root, null);
        String perRuleArn = namedArn.replace(TOKEN, "${" + RuleMapValidation.canonical("rule.ecr_repository_prefix") + "}");
        Expression repositoryArns = Expression.raw("local.has_root_rule ? %s : sort(distinct(%s))",
                Expression.tuple(Expression.template(rootArn)),
                Expression.forTuple(null, "rule", ref("values(local.rules)"), Expression.template(perRuleArn), null));

        List<Expression> always = new ArrayList<>();
        List<Expression> withRules = new ArrayList<>();
        boolean seenRuleStatement = false;
        for (Statement s : named.statements()) {
            if (staticSids.contains(s.sid())) {
                if (seenRuleStatement) {
                    throw new IllegalStateException("RunnerPolicy puts a static statement after a per-rule one: " + s.sid());
                }
                always.add(statement(s, Expression.stringList(s.resources())));
            } else {
                seenRuleStatement = true;
                withRules.add(statement(s, ref("local.repository_arns")));
            }
        }
        Expression statements = Expression.call("concat",
                Expression.tupleMultiline(always),
                Expression.raw("length(local.rules) == 0 ? [] : %s", Expression.tupleMultiline(withRules)));
        return List.of(new Attribute("repository_arns", repositoryArns), new Attribute("policy_statements", statements));
    }

    private static PullThroughRule rule(String prefix) {
        return PullThroughRule.builder("rule").ecrRepositoryPrefix(prefix).upstreamRegistryUrl("public.ecr.aws").build();
    }

    /** The one repository ARN every per-rule statement of {@code doc} grants; the token is checked when given. */
    private static String only(PolicyDocument doc, String token) {
        Set<List<String>> resources = doc.statements().stream()
                .map(Statement::resources)
                .filter(r -> !r.equals(List.of("*")))
                .collect(Collectors.toSet());
        if (resources.size() != 1 || resources.iterator().next().size() != 1
                || (token != null && !resources.iterator().next().get(0).contains(token))) {
            throw new IllegalStateException("RunnerPolicy's layout changed, teach AccessPolicy: " + doc.toJson());
        }
        return resources.iterator().next().get(0);
    }

    private static Expression statement(Statement s, Expression resources) {
        return Expression.inlineObject()
                .put("sid", s.sid())
                .put("actions", Expression.stringList(s.actions()))
                .put("resources", resources)
                .build();
    }

    static Block document() {
        return Block.of("data", "aws_iam_policy_document", "this")
                .block(Block.of("dynamic", "statement")
                        .attr("for_each", ref("local.policy_statements"))
                        .blank()
                        .block(Block.of("content")
                                .attr("sid", ref("statement.value.sid"))
                                .attr("effect", "Allow")
                                .attr("actions", ref("statement.value.actions"))
                                .attr("resources", ref("statement.value.resources"))
                                .build())
                        .build())
                .build();
    }

    static List<Variable> variables(boolean createByDefault) {
        return List.of(
                Variable.builder("create_policy", TypeConstraint.BOOL)
                        .description("Create the IAM policy (and attach it to role_names). False only renders policy_json.")
                        .defaultNonNull(Expression.bool(createByDefault))
                        .build(),
                Variable.builder("role_names", TypeConstraint.list(TypeConstraint.STRING))
                        .description("Names (not ARNs) of the runner roles to attach the policy to. They key the attachments, so they must be known at plan time (a name from configuration, not from name_prefix); otherwise attach policy_arn yourself.")
                        .defaultNonNull(Expression.tuple())
                        .validation(new Validation(
                                ref("alltrue([for name in var.role_names : " + RuleMapValidation.matches(RoleNames.PATTERN, "trimspace(name)") + "])"),
                                Expression.call("join", Expression.string("\n"), Expression.forTuple(null, "name", ref("var.role_names"),
                                        Expression.template(RoleNames.message("${trimspace(name)}")),
                                        ref("!" + RuleMapValidation.matches(RoleNames.PATTERN, "trimspace(name)")))),
                                "role names, not ARNs."))
                        .build(),
                Variable.builder("policy_name", TypeConstraint.STRING)
                        .description("A fixed name for the IAM policy. Null (the default) names it uniquely with policy_name_prefix, so that several instances (for_each) do not collide.")
                        .defaultValue(Expression.nullValue())
                        .build(),
                Variable.builder("policy_name_prefix", TypeConstraint.STRING)
                        .description("Prefix of the policy's unique name when policy_name is null.")
                        .defaultNonNull(string(RunnerPolicy.DEFAULT_POLICY_NAME_PREFIX))
                        .build(),
                Variable.builder("policy_path", TypeConstraint.STRING)
                        .description("Path of the IAM policy.")
                        .defaultNonNull(string("/"))
                        .build(),
                Variable.builder("policy_description", TypeConstraint.STRING)
                        .description("Description of the IAM policy.")
                        .defaultNonNull(string(RunnerPolicy.DEFAULT_DESCRIPTION))
                        .build(),
                Variable.builder("tags", TypeConstraint.map(TypeConstraint.STRING))
                        .description("Tags for the IAM policy.")
                        .defaultNonNull(Expression.object().build())
                        .build());
    }

    static List<Block> resources() {
        return List.of(
                Block.of("resource", "aws_iam_policy", "this")
                        .comment("No rules, nothing to grant: no policy (policy_json still renders the document).")
                        .attr("count", ref("var.create_policy && length(local.rules) > 0 ? 1 : 0"))
                        .blank()
                        .attr("name", ref("var.policy_name"))
                        .attr("name_prefix", ref("var.policy_name == null ? var.policy_name_prefix : null"))
                        .attr("path", ref("var.policy_path"))
                        .attr("description", ref("var.policy_description"))
                        .attr("policy", ref("data.aws_iam_policy_document.this.json"))
                        .attr("tags", ref("var.tags"))
                        .build(),
                Block.of("resource", "aws_iam_role_policy_attachment", "this")
                        .comment("Keyed by role name, so adding or removing a role leaves the other attachments alone.")
                        .attr("for_each", ref("var.create_policy && length(local.rules) > 0 ? toset([for name in var.role_names : trimspace(name)]) : toset([])"))
                        .blank()
                        .attr("role", ref("each.value"))
                        .attr("policy_arn", ref("aws_iam_policy.this[0].arn"))
                        .build());
    }

    static Check unattachedRoles() {
        return new Check("role_names_need_the_policy", List.of(new Validation(
                ref("var.create_policy || length(var.role_names) == 0"),
                string("role_names is set but create_policy is false: no policy is created, so nothing is attached. Set create_policy = true, or attach policy_json yourself."),
                "`role_names` given while `create_policy` is false.")));
    }

    static List<Output> outputs() {
        return List.of(
                new Output("policy_json", "The EcrPullThroughCacheAccess policy document (JSON), also when create_policy is false.",
                        ref("data.aws_iam_policy_document.this.json")).withPrecondition(Coordinates.regionInPartition())
                        .withPrecondition(Coordinates.hubRegionInPartition()),
                new Output("policy_arn", "ARN of the IAM policy; null when create_policy is false.",
                        ref("try(aws_iam_policy.this[0].arn, null)")),
                new Output("policy_name", "Name of the IAM policy; null when create_policy is false.",
                        ref("try(aws_iam_policy.this[0].name, null)")),
                new Output("attached_role_names", "Roles the policy is attached to.",
                        ref("sort(keys(aws_iam_role_policy_attachment.this))")));
    }
}
