package dev.pullthrough.module;

import static dev.pullthrough.module.Expression.ref;

import dev.pullthrough.model.ShareWith;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cache module's optional {@code share_with} input: the organizations, organizational units and accounts whose
 * runners may pull through this cache. Each list is checked entry by entry with {@link ShareWith.Field}'s pattern and
 * message, so a plan names a bad entry exactly as the constructs do; {@code local.share_with} is the trimmed,
 * sorted, de-duplicated form the policies are built from.
 */
final class ShareWithVariable {
    static final String VARIABLE = "share_with";

    private ShareWithVariable() {
    }

    static Variable variable() {
        TypeConstraint.Field[] fields = Arrays.stream(ShareWith.Field.values())
                .map(f -> TypeConstraint.optional(f.inputName(), TypeConstraint.list(TypeConstraint.STRING), Expression.tuple()))
                .toArray(TypeConstraint.Field[]::new);
        return Variable.builder(VARIABLE, TypeConstraint.object(fields))
                .description("""
                        Share this cache with runners in other accounts: organization_ids (o-...), organizational_unit_paths
                        (o-.../r-.../ou-.../, optionally ending in *, as aws:PrincipalOrgPaths takes them) and account_ids
                        (12 digits), each optional. Adds the registry policy (first pull: ecr:CreateRepository and
                        ecr:BatchImportUpstreamImage on repository/<prefix>/* of each rule) and a repository policy on the
                        creation templates (pulls). Null (the default) or empty lists share nothing and change nothing.
                        """)
                .defaultValue(Expression.nullValue())
                .validations(Arrays.stream(ShareWith.Field.values()).map(ShareWithVariable::validation).toList())
                .build();
    }

    private static Validation validation(ShareWith.Field field) {
        String list = "var." + VARIABLE + "." + field.inputName();
        String ok = RuleMapValidation.matches("^" + field.pattern() + "$", "trimspace(value)");
        // Terraform evaluates the message even when the condition holds: it must not fail on a null share_with.
        return new Validation(
                ref("var." + VARIABLE + " == null ? true : alltrue([for value in " + list + " : " + ok + "])"),
                Expression.raw("var." + VARIABLE + " == null ? \"\" : %s", Expression.call("join", Expression.string("\n"),
                        Expression.forTuple("index", "value", ref(list),
                                Expression.template(field.message("${index}", "${try(trimspace(value), \"null\")}")),
                                ref("!" + ok)))),
                "`" + field.inputName() + "`: " + field.pattern() + ".");
    }

    /** {@code local.share_with}: null, or the three lists trimmed, sorted and without duplicates. */
    static Attribute local() {
        Expression.ObjectBuilder lists = Expression.object();
        for (ShareWith.Field field : ShareWith.Field.values()) {
            lists.put(field.inputName(), ref("sort(distinct([for value in var." + VARIABLE + "." + field.inputName()
                    + " : trimspace(value)]))"));
        }
        return new Attribute(VARIABLE, Expression.raw("var." + VARIABLE + " == null ? null : %s", lists.build()));
    }

    /** {@code local.shared}: whether anyone is named, the switch for every shared-cache resource and attribute. */
    static Attribute sharedLocal() {
        List<String> lengths = new ArrayList<>();
        for (ShareWith.Field field : ShareWith.Field.values()) {
            lengths.add("length(local." + VARIABLE + "." + field.inputName() + ")");
        }
        return new Attribute("shared", ref("local." + VARIABLE + " == null ? false : " + String.join(" + ", lengths) + " > 0"));
    }
}
