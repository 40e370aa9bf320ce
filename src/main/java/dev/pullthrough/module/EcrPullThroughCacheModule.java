package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;
import static dev.pullthrough.module.Expression.string;

import dev.pullthrough.model.CacheSettings;
import dev.pullthrough.model.LifecycleRule;
import dev.pullthrough.model.RepositoryPrefix;
import dev.pullthrough.model.TagMutability;
import dev.pullthrough.model.ValidationMessages;
import dev.pullthrough.model.ValidationMode;
import java.util.List;

/**
 * {@code ecr-pull-through-cache}: the admin side. Creates the pull-through cache rules and, per rule, a repository
 * creation template whose lifecycle policy expires cached images (cache repositories never expire by themselves).
 */
final class EcrPullThroughCacheModule {
    static final String NAME = "ecr-pull-through-cache";
    static final String VARIABLE = "rules";

    private EcrPullThroughCacheModule() {
    }

    /**
     * {@code any}, checked by validations: a map of objects would silently drop a misspelt attribute
     * ({@code credentials_arn}) and turn a number into a string (see {@code RuleMapValidation}).
     */
    static TypeConstraint rulesType() {
        return TypeConstraint.ANY;
    }

    static ModuleDefinition definition() {
        RuleMapValidation validation = new RuleMapValidation(VARIABLE, ValidationMode.CREATE, true);
        Coordinates coordinates = new Coordinates(true);
        ModuleDefinition.Builder m = ModuleDefinition.builder(NAME)
                .summary("""
                        Creates ECR pull-through cache rules, one per entry of `rules`, and for each a repository creation
                        template (`applied_for = ["PULL_THROUGH_CACHE"]`, same prefix) whose lifecycle policy expires cached
                        images: ECR never expires cache repositories by itself. The `ecr_pull_through_cache_rules` output is
                        ready for the `runner-ecr-pull-through` and `ecr-pull-through-access` modules.""")
                .notes("""
                        Docker Hub, GitHub, GitLab, Azure and Chainguard upstreams need a Secrets Manager secret named
                        `ecr-pullthroughcache/<name>` holding `{"username": "...", "accessToken": "..."}`, in the same account
                        and region: AWS rejects the rule without it, and so does this module's validation, at plan time.

                        Expiry counts from when an image entered the cache (`sinceImagePushed`); after it expires, the next pull
                        fetches it from upstream again. `repository_tags` and `kms_key_arn` need `repository_template_role_arn`,
                        a role ECR assumes (trusting `ecr.amazonaws.com`) to tag and encrypt the repositories it creates.

                        **Sharing the cache with other accounts** (`share_with`): the module then creates the registry's
                        permissions policy (`aws_ecr_registry_policy`), which lets the accounts named make the first pull of an
                        image (`ecr:CreateRepository`, `ecr:BatchImportUpstreamImage` on `repository/<prefix>/*` of each rule),
                        and gives every cache repository, through the creation templates, a repository policy for later pulls
                        (`ecr:BatchGetImage`, `ecr:GetDownloadUrlForLayer`, `ecr:BatchCheckLayerAvailability`). A registry has
                        one permissions policy per region, and `aws_ecr_registry_policy` owns all of it: do not manage another
                        one for this registry and region (e.g. for replication) in any configuration, or the two overwrite each
                        other; put such statements in a registry that is not shared. A shared cache must not have a ROOT rule
                        and needs its creation templates. In the other accounts, pass `registry_account_id` and `registry_region`
                        (outputs of the same names) to `runner-ecr-pull-through` or `ecr-pull-through-access`.""");

        m.variable(Variable.builder(VARIABLE, rulesType())
                .description("""
                        Pull-through cache rules to create, keyed by a stable name (the key is the resource address; changing a
                        prefix replaces the rule). upstream_registry_url is the host AWS expects (registry-1.docker.io,
                        public.ecr.aws, registry.k8s.io, quay.io, ghcr.io, registry.gitlab.com, <name>.azurecr.io, cgr.dev,
                        <account>.dkr.ecr.<region>.amazonaws.com). credential_arn is required where AWS requires one;
                        upstream_repository_prefix and custom_role_arn apply to ECR-to-ECR rules. Values are trimmed.
                        """)
                .defaultNonNull(Expression.object().build())
                .validations(validation.validations())
                .build());
        m.variable(Variable.builder("create_repository_templates", TypeConstraint.BOOL)
                .description("Create a repository creation template per rule, so that cached images expire.")
                .defaultNonNull(Expression.bool(true))
                .build());
        m.variable(Variable.builder("expire_after_days", TypeConstraint.NUMBER)
                .description("Days after which a cached image expires (any tag). Null keeps cached images forever.")
                .defaultValue(Expression.number(CacheSettings.DEFAULT_EXPIRE_AFTER_DAYS))
                .validation(days("expire_after_days"))
                .build());
        m.variable(Variable.builder("untagged_expire_after_days", TypeConstraint.NUMBER)
                .description("Days after which untagged cached images expire, sooner than the rest. Null: no separate rule.")
                .defaultValue(Expression.nullValue())
                .validation(days("untagged_expire_after_days"))
                .build());
        m.variable(Variable.builder("image_tag_mutability", TypeConstraint.STRING)
                .description("Tag mutability of cache repositories. MUTABLE lets the cache follow upstream tags that move (latest, 22).")
                .defaultNonNull(string(CacheSettings.defaults().imageTagMutability()))
                .validation(new Validation(Expression.raw("contains(%s, var.image_tag_mutability)",
                                Expression.stringList(TagMutability.names())),
                        Expression.template(CacheSettings.mutabilityMessage("${jsonencode(var.image_tag_mutability)}")),
                        String.join(" or ", TagMutability.names().stream().map(n -> "`" + n + "`").toList()) + "."))
                .build());
        m.variable(Variable.builder("repository_template_role_arn", TypeConstraint.STRING)
                .description("Role ECR assumes to apply repository_tags and kms_key_arn to the repositories it creates. Null: none.")
                .defaultValue(Expression.nullValue())
                .validation(new Validation(
                        ref("var.repository_template_role_arn == null ? true : length(var.repository_template_role_arn) <= "
                                + ValidationMessages.ROLE_ARN_MAX_LENGTH + " && "
                                + RuleConstants.matches(RuleConstants.ROLE_ARN, "var.repository_template_role_arn")),
                        Expression.template(CacheSettings.templateRoleMessage("${jsonencode(var.repository_template_role_arn)}")),
                        "an IAM role ARN, or null."))
                .build());
        m.variable(Variable.builder("kms_key_arn", TypeConstraint.STRING)
                .description("KMS key for cache repositories. Null uses AES256 (ECR's default).")
                .defaultValue(Expression.nullValue())
                .build());
        m.variable(Variable.builder("repository_tags", TypeConstraint.map(TypeConstraint.STRING))
                .description("Tags for the cache repositories ECR creates.")
                .defaultNonNull(Expression.object().build())
                .build());
        m.variable(ShareWithVariable.variable());
        m.variables(coordinates.variables());

        m.validationLocals(RuleConstants.block(VARIABLE, true));
        m.resources(coordinates.dataSources());
        Block.Builder locals = Block.of("locals");
        coordinates.locals().forEach(a -> locals.attr(a.name(), a.value()));
        locals.attr("registry_host", RuleLocals.registryHost().value());
        locals.blank();
        Attribute rules = RuleLocals.rules(VARIABLE, true);
        locals.attr(rules.name(), rules.value());
        locals.blank();
        locals.attr("lifecycle_rules", Expression.call("concat",
                Expression.raw("var.untagged_expire_after_days == null ? [] : %s", Expression.tupleMultiline(List.of(
                        lifecycleRule(LifecycleRule.untagged("var.untagged_expire_after_days"))))),
                Expression.raw("var.expire_after_days == null ? [] : %s", Expression.tupleMultiline(List.of(
                        lifecycleRule(LifecycleRule.any("var.expire_after_days")))))));
        locals.attr("lifecycle_policy", Expression.raw("length(local.lifecycle_rules) > 0 ? %s : null",
                Expression.call("jsonencode", Expression.inlineObject().put("rules", ref("local.lifecycle_rules")).build())));
        locals.blank();
        Attribute root = RuleLocals.hasRoot();
        locals.attr(root.name(), root.value());
        Attribute share = ShareWithVariable.local();
        locals.attr(share.name(), share.value());
        Attribute shared = ShareWithVariable.sharedLocal();
        locals.attr(shared.name(), shared.value());
        SharedCachePolicy.locals().forEach(a -> locals.attr(a.name(), a.value()));
        m.resource(locals.build());

        m.resource(Block.of("resource", "aws_ecr_pull_through_cache_rule", "this")
                .attr("for_each", ref("local.rules"))
                .blank()
                .attr("ecr_repository_prefix", ref("each.value.ecr_repository_prefix"))
                .attr("upstream_registry_url", ref("each.value.upstream_registry_url"))
                .attr("upstream_repository_prefix", ref("each.value.upstream_repository_prefix"))
                .attr("credential_arn", ref("each.value.credential_arn"))
                .attr("custom_role_arn", ref("each.value.custom_role_arn"))
                .blank()
                .attr("depends_on", Expression.tuple(ref("aws_ecr_repository_creation_template.this")))
                .block(Block.of("lifecycle")
                        .block(RuleMapValidation.credentialLocation().toBlock("precondition"))
                        .block(RuleMapValidation.ecrUpstreamPartition().toBlock("precondition"))
                        .build())
                .build());
        m.resource(Block.of("resource", "aws_ecr_repository_creation_template", "this")
                .comment("ECR creates a cache repository on its first pull, shaped by the template with the rule's prefix:\nthe rules depend on the templates, so no pull can come first.")
                .attr("for_each", ref("var.create_repository_templates ? local.rules : {}"))
                .blank()
                .attr("prefix", ref("each.value.ecr_repository_prefix"))
                .attr("description", Expression.raw("substr(%s, 0, " + CacheSettings.MAX_DESCRIPTION_LENGTH + ")",
                        Expression.template(CacheSettings.untrimmedDescription("${each.key}", "${each.value.upstream_registry_url}"))))
                .attr("applied_for", Expression.stringList(List.of("PULL_THROUGH_CACHE")))
                .attr("image_tag_mutability", ref("var.image_tag_mutability"))
                .attr("lifecycle_policy", ref("local.lifecycle_policy"))
                .attr("repository_policy", ref("local.repository_policy"))
                .attr("custom_role_arn", ref("var.repository_template_role_arn"))
                .attr("resource_tags", ref("var.repository_tags"))
                .block(Block.of("dynamic", "encryption_configuration")
                        .attr("for_each", ref("var.kms_key_arn == null ? [] : [var.kms_key_arn]"))
                        .blank()
                        .block(Block.of("content")
                                .attr("encryption_type", "KMS")
                                .attr("kms_key", ref("encryption_configuration.value"))
                                .build())
                        .build())
                .block(Block.of("lifecycle")
                        .block(new Validation(
                                ref("var.repository_template_role_arn != null || (var.kms_key_arn == null && length(var.repository_tags) == 0)"),
                                string(CacheSettings.TEMPLATE_ROLE_NEEDED),
                                "tags and KMS need a role").toBlock("precondition"))
                        .build())
                .build());
        m.resource(SharedCachePolicy.registryPolicyResource());
        validation.checks().forEach(m::check);

        m.output(new Output("registry_host", "The registry host, <account>.dkr.ecr.<region>.<dns suffix>: RUNS_ON_ECR_PULL_THROUGH_CACHE.",
                ref("local.registry_host")).withPrecondition(Coordinates.regionInPartition()));
        m.output("registry_account_id", "The registry's account id: registry_account_id of the runner modules in accounts the cache is shared with.",
                ref("local.account_id"));
        m.output("registry_region", "The registry's region: registry_region of the runner modules in accounts the cache is shared with.",
                ref("local.region"));
        m.output("ecr_pull_through_cache_rules",
                "The rules created, in the shape of the runner-ecr-pull-through and ecr-pull-through-access modules' input.",
                Expression.forObject("key", "rule", ref("aws_ecr_pull_through_cache_rule.this"), ref("key"),
                        Expression.object()
                                .put("ecr_repository_prefix", ref("rule.ecr_repository_prefix"))
                                .put("upstream_registry_url", ref("rule.upstream_registry_url"))
                                .put("upstream_repository_prefix", ref("rule.upstream_repository_prefix"))
                                .build(), null));
        m.output("repository_url_prefixes",
                "Per rule, what image references start with: <registry host>/<prefix> (the host alone for ROOT). Append the upstream image path.",
                Expression.forObject("key", "rule", ref("local.rules"), ref("key"),
                        ref("rule.ecr_repository_prefix == \"" + RepositoryPrefix.ROOT_VALUE + "\" ? local.registry_host : \"${local.registry_host}/"
                                + "${" + RuleMapValidation.canonical("rule.ecr_repository_prefix") + "}\""), null));
        m.output("repository_template_prefixes", "Per rule, the prefix of its repository creation template; empty when templates are off.",
                ref("{ for key, template in aws_ecr_repository_creation_template.this : key => template.prefix }"));
        m.output("lifecycle_policy", "The lifecycle policy JSON the templates apply; null when nothing expires.",
                ref("local.lifecycle_policy"));
        SharedCachePolicy.outputs().forEach(m::output);

        m.usage(VARIABLE, Expression.object()
                .put("docker_hub", Expression.object()
                        .put("ecr_repository_prefix", "docker-hub")
                        .put("upstream_registry_url", "registry-1.docker.io")
                        .put("credential_arn", ref("aws_secretsmanager_secret.docker_hub.arn")).build())
                .put("ecr_public", Expression.inlineObject()
                        .put("ecr_repository_prefix", "ecr-public")
                        .put("upstream_registry_url", "public.ecr.aws").build())
                .build());
        m.usage("expire_after_days", Expression.number(30));

        m.test(CacheModuleTests.behaviour());
        m.test(CacheModuleTests.validation());
        m.test(CacheSharingTests.suite());
        return m.build();
    }

    private static Validation days(String name) {
        String v = "var." + name;
        return new Validation(ref(v + " == null ? true : " + v + " >= " + CacheSettings.MIN_DAYS + " && " + v + " <= "
                        + CacheSettings.MAX_DAYS + " && floor(" + v + ") == " + v),
                Expression.template(CacheSettings.daysMessage(name, "${jsonencode(" + v + ")}")),
                "a whole number of days from " + CacheSettings.MIN_DAYS + " to " + CacheSettings.MAX_DAYS + ", or null.");
    }

    /** A model lifecycle rule whose days are the Terraform expression {@code rule.days()}. */
    private static Expression lifecycleRule(LifecycleRule rule) {
        LifecycleRule rendered = new LifecycleRule(rule.priority(), rule.tagStatus(), rule.days(),
                rule.description().replace(rule.days(), "${" + rule.days() + "}"));
        return Expression.object()
                .put("rulePriority", Expression.number(rendered.priority()))
                .put("description", Expression.template(rendered.description()))
                .put("selection", Expression.object()
                        .put("tagStatus", rendered.tagStatus())
                        .put("countType", LifecycleRule.COUNT_TYPE)
                        .put("countUnit", LifecycleRule.COUNT_UNIT)
                        .put("countNumber", ref(rendered.days()))
                        .build())
                .put("action", Expression.inlineObject().put("type", LifecycleRule.ACTION).build())
                .build();
    }
}
