package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;

import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RepositoryPrefix;

/**
 * The normalised rules local ({@code local.rules}): values trimmed, blank optional values null, the same
 * normalisation {@code PullThroughRule} applies. Everything downstream reads this local, never the raw variable.
 */
final class RuleLocals {
    private RuleLocals() {
    }

    static Attribute rules(String variable, boolean credentialFields) {
        Expression.ObjectBuilder value = Expression.object()
                .put("ecr_repository_prefix", ref(RuleMapValidation.field("rule", "ecr_repository_prefix")))
                .put("upstream_registry_url", ref(RuleMapValidation.field("rule", "upstream_registry_url")))
                .put("upstream_repository_prefix", optional("upstream_repository_prefix"));
        if (credentialFields) {
            value.put("credential_arn", optional("credential_arn"))
                    .put("custom_role_arn", optional("custom_role_arn"));
        }
        return new Attribute("rules", Expression.forObject("key", "rule", ref("var." + variable), ref("key"),
                value.build(), null));
    }

    private static Expression optional(String field) {
        String trimmed = RuleMapValidation.field("rule", field);
        return ref(trimmed + " != \"\" ? " + trimmed + " : null");
    }

    /** Whether any rule is ROOT. */
    static Attribute hasRoot() {
        return new Attribute("has_root_rule",
                ref("anytrue([for rule in values(local.rules) : rule.ecr_repository_prefix == \"" + RepositoryPrefix.ROOT_VALUE + "\"])"));
    }

    /** {@code <account>.dkr.ecr.<region>.<dns suffix>}, as {@code RegistryCoordinates.registryHost()}. */
    static Attribute registryHost() {
        return new Attribute("registry_host", Expression.template(
                RegistryCoordinates.registryHost("${local.account_id}", "${local.region}", "${local.dns_suffix}")));
    }
}
