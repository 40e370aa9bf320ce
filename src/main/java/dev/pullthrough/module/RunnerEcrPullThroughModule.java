package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;

import dev.pullthrough.model.RunnerEnvironment;
import dev.pullthrough.model.UpstreamKind;

/**
 * {@code runner-ecr-pull-through}: the runner-fleet side, RunsOn's {@code ecr-pull-through} extra as a module: the
 * validated rules variable, the runner environment ({@code RUNS_ON_ECR_PULL_THROUGH_CACHE...}), and the runner policy.
 */
final class RunnerEcrPullThroughModule {
    static final String NAME = "runner-ecr-pull-through";
    static final String EXTRA = "ecr-pull-through";

    private RunnerEcrPullThroughModule() {
    }

    static ModuleDefinition definition() {
        RuleMapValidation validation = RunnerRulesVariable.validation();
        Coordinates coordinates = Coordinates.ofRunners();
        ModuleDefinition.Builder m = ModuleDefinition.builder(NAME)
                .summary("""
                        Wires a runner fleet to existing pull-through cache rules, the way RunsOn's `ecr-pull-through` extra
                        does: the `ecr_pull_through_cache_rules` variable (validated), the environment runners get
                        (`RUNS_ON_ECR_PULL_THROUGH_CACHE`, and `..._DOCKER_HUB_MIRROR`/`..._DOCKER_HUB_PREFIX` when a Docker Hub
                        rule makes a transparent mirror possible), and the least-privilege runner policy (created when
                        `create_policy` is true). It never creates rules: runners use them.""")
                .notes("""
                        With no rules, `runner_environment` is empty and `runner_extras` is `[]`: the extra stays off. Other
                        upstreams are pulled explicitly as `${RUNS_ON_ECR_PULL_THROUGH_CACHE}/<ecr_repository_prefix>/<image>`.""");
        m.variable(RunnerRulesVariable.variable("These rules must exist (see ecr-pull-through-cache); credentials are not needed here."));
        AccessPolicy.variables(false).forEach(m::variable);
        m.variables(coordinates.variables());

        m.validationLocals(RuleConstants.block(RunnerRulesVariable.VARIABLE, false));
        m.resources(coordinates.dataSources());
        Block.Builder locals = Block.of("locals");
        coordinates.locals().forEach(a -> locals.attr(a.name(), a.value()));
        locals.attr("registry_host", RuleLocals.registryHost().value());
        locals.blank();
        Attribute rules = RuleLocals.rules(RunnerRulesVariable.VARIABLE, false);
        locals.attr(rules.name(), rules.value());
        Attribute root = RuleLocals.hasRoot();
        locals.attr(root.name(), root.value());
        locals.blank();
        locals.attr("docker_hub_rule", ref("try([for key, rule in local.rules : rule if rule.upstream_registry_url == \""
                + UpstreamKind.DOCKER_HUB.urlForm() + "\"][0], null)"));
        locals.attr("runner_environment", Expression.raw("length(local.rules) == 0 ? tomap({}) : merge(%s, %s)",
                Expression.call("tomap", Expression.inlineObject().put(RunnerEnvironment.CACHE, ref("local.registry_host")).build()),
                Expression.raw("local.docker_hub_rule == null ? tomap({}) : %s", Expression.call("tomap", Expression.object()
                        .put(RunnerEnvironment.DOCKER_HUB_MIRROR, "true")
                        .put(RunnerEnvironment.DOCKER_HUB_PREFIX,
                                ref(RuleMapValidation.canonical("local.docker_hub_rule.ecr_repository_prefix")))
                        .build()))));
        locals.blank();
        AccessPolicy.locals().forEach(a -> locals.attr(a.name(), a.value()));
        m.resource(locals.build());
        m.resource(AccessPolicy.document());
        m.resources(AccessPolicy.resources());
        validation.checks().forEach(m::check);
        m.check(AccessPolicy.unattachedRoles());

        m.output("runner_environment",
                "Environment for runner jobs: RUNS_ON_ECR_PULL_THROUGH_CACHE (the registry host), plus _DOCKER_HUB_MIRROR = \"true\" and _DOCKER_HUB_PREFIX when a Docker Hub rule exists. Empty with no rules.",
                ref("local.runner_environment"));
        m.output("docker_hub_mirror", "Whether a Docker Hub rule makes the transparent Docker Hub mirror possible.",
                ref("local.docker_hub_rule != null"));
        m.output("docker_hub_prefix", "The Docker Hub rule's prefix (ROOT for a ROOT rule); null without one.",
                ref("try(" + RuleMapValidation.canonical("local.docker_hub_rule.ecr_repository_prefix") + ", null)"));
        m.output("registry_host", "The registry host, <account>.dkr.ecr.<region>.<dns suffix>.", ref("local.registry_host"));
        m.output("runner_extras", "[\"" + EXTRA + "\"] when there are rules, else []: for runner configurations that take a list of extras.",
                ref("length(local.rules) > 0 ? [\"" + EXTRA + "\"] : []"));
        m.output("ecr_pull_through_cache_rules", "The rules as validated and trimmed.", ref("local.rules"));
        m.output("hook_rules_json", "The rules as JSON, the file `pullthrough hook start --rules` reads: write it on the runner "
                + "so the hook mirrors every upstream they cache.", ref("jsonencode(local.rules)"));
        AccessPolicy.outputs().forEach(m::output);

        m.usage(RunnerRulesVariable.VARIABLE, Expression.object()
                .put("docker_hub", Expression.inlineObject()
                        .put("ecr_repository_prefix", "docker-hub")
                        .put("upstream_registry_url", "registry-1.docker.io").build())
                .build());
        m.usage("create_policy", Expression.bool(true))
                .usage("role_names", Expression.tuple(ref("aws_iam_role.runner.name")));

        m.test(RunnerModuleTests.policy(NAME));
        m.test(RunnerModuleTests.environment());
        m.test(RunnerModuleTests.validation());
        return m.build();
    }
}
