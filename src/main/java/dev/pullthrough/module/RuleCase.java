package dev.pullthrough.module;

import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named rule map used as test input: rendered into the generated {@code terraform test} runs, and read by the
 * Java tests that check the Terraform validation says what the Java validation says for the same input.
 *
 * @param rules rule key to field name to value, in order
 * @param credentialFields whether the case uses {@code credential_arn}/{@code custom_role_arn} (only the cache
 *     module's {@code rules} variable has them)
 */
public record RuleCase(String name, String about, Map<String, Map<String, String>> rules, boolean credentialFields) {

    public RuleCase {
        Objects.requireNonNull(name, "name");
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        rules.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        rules = java.util.Collections.unmodifiableMap(copy);
    }

    /** The rule map as a Terraform object expression. */
    public Expression.Obj expression() {
        Expression.ObjectBuilder map = Expression.object();
        rules.forEach((key, fields) -> {
            Expression.ObjectBuilder rule = Expression.inlineObject();
            fields.forEach((field, value) -> rule.put(field, value == null ? Expression.nullValue() : Expression.string(value)));
            map.put(key, rule.build());
        });
        return map.build();
    }

    /** The same rules for the Java model. */
    public RuleSet ruleSet() {
        List<PullThroughRule> list = new ArrayList<>();
        rules.forEach((key, f) -> list.add(PullThroughRule.builder(key)
                .ecrRepositoryPrefix(f.get("ecr_repository_prefix"))
                .upstreamRegistryUrl(f.get("upstream_registry_url"))
                .upstreamRepositoryPrefix(f.get("upstream_repository_prefix"))
                .credentialArn(f.get("credential_arn"))
                .customRoleArn(f.get("custom_role_arn"))
                .build()));
        return RuleSet.of(list);
    }

    static Map<String, String> rule(String... fieldValuePairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < fieldValuePairs.length; i += 2) {
            m.put(fieldValuePairs[i], fieldValuePairs[i + 1]);
        }
        return m;
    }
}
