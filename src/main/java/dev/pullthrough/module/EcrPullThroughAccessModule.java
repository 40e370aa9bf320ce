package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;

import java.util.List;

/** {@code ecr-pull-through-access}: the least-privilege runner policy, optionally attached to roles. */
final class EcrPullThroughAccessModule {
    static final String NAME = "ecr-pull-through-access";

    private EcrPullThroughAccessModule() {
    }

    static ModuleDefinition definition() {
        RuleMapValidation validation = RunnerRulesVariable.validation();
        Coordinates coordinates = Coordinates.ofRunners();
        ModuleDefinition.Builder m = ModuleDefinition.builder(NAME)
                .summary("""
                        The EcrPullThroughCacheAccess IAM policy runners need to pull through the cache, and nothing more:
                        `ecr:GetAuthorizationToken` on `*` (it has no resource scope), and the pull and import actions on
                        `repository/<prefix>/*` of each rule. `repository/*` (every repository of the account) only when a
                        ROOT rule exists, with a warning. Never `ecr:*`, never `ecr:CreatePullThroughCacheRule`. Optionally
                        creates the policy and attaches it to the runner roles.""")
                .notes("""
                        The document is the one `pullthrough policy` prints for the same rules: the statements are generated
                        from the Java runner policy, and the module's tests compare the two.""");
        m.variable(RunnerRulesVariable.variable("The policy grants access to these prefixes only."));
        AccessPolicy.variables(true).forEach(m::variable);
        m.variables(coordinates.variables());

        m.validationLocals(RuleConstants.block(RunnerRulesVariable.VARIABLE, false));
        m.resources(coordinates.dataSources());
        Block.Builder locals = Block.of("locals");
        coordinates.locals().stream().filter(a -> !a.name().equals("dns_suffix")).forEach(a -> locals.attr(a.name(), a.value()));
        locals.blank();
        Attribute rules = RuleLocals.rules(RunnerRulesVariable.VARIABLE, false);
        locals.attr(rules.name(), rules.value());
        Attribute root = RuleLocals.hasRoot();
        locals.attr(root.name(), root.value());
        locals.blank();
        AccessPolicy.locals().forEach(a -> locals.attr(a.name(), a.value()));
        m.resource(locals.build());
        m.resource(AccessPolicy.document());
        m.resources(AccessPolicy.resources());
        validation.checks().forEach(m::check);
        m.check(AccessPolicy.unattachedRoles());
        AccessPolicy.outputs().forEach(m::output);

        m.usage(RunnerRulesVariable.VARIABLE, ref("module.ecr_pull_through_cache.ecr_pull_through_cache_rules"))
                .usage("role_names", Expression.tuple(ref("aws_iam_role.runner.name")));

        m.test(RunnerModuleTests.policy(NAME));
        m.test(RunnerModuleTests.accessBehaviour());
        m.test(RunnerModuleTests.validation());
        return m.build();
    }

    static List<String> outputs() {
        return List.of("policy_json", "policy_arn");
    }
}
