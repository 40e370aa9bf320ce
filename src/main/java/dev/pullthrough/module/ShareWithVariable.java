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
        List<Validation> validations = new ArrayList<>(shape());
        Arrays.stream(ShareWith.Field.values()).map(ShareWithVariable::validation).forEach(validations::add);
        // Type any, as the rules variable: an object type would silently drop a misspelt name (account_id) and the
        // hub would share nothing; the shape validations refuse it instead.
        return Variable.builder(VARIABLE, TypeConstraint.ANY)
                .description("""
                        Share this cache with runners in other accounts: organization_ids (o-...), organizational_unit_paths
                        (o-.../r-.../ou-.../, optionally ending in *, as aws:PrincipalOrgPaths takes them) and account_ids
                        (12 digits), each an optional list of strings; any other name is refused. Adds the registry policy
                        (first pull: ecr:CreateRepository and ecr:BatchImportUpstreamImage on repository/<prefix>/* of each
                        rule) and a repository policy on the creation templates (pulls). Null (the default) or empty lists
                        share nothing and change nothing.
                        """)
                .defaultValue(Expression.nullValue())
                .validations(validations)
                .build();
    }

    /**
     * The entries of one list, or [] when share_with is null, the name absent or its value not a list (the shape
     * validations report those): a type any value may be anything, and a validation must not fail to evaluate.
     */
    private static String entries(ShareWith.Field field) {
        String value = "var." + VARIABLE + "." + field.inputName();
        return "try(startswith(jsonencode(" + value + "), \"[\") ? " + value + " : [], [])";
    }

    /** An object holding only the three names, each a list of strings (or null). */
    private static List<Validation> shape() {
        String v = "var." + VARIABLE;
        String fields = "[" + String.join(", ", ShareWith.FIELDS.stream().map(HclRenderer::quote).toList()) + "]";
        String json = "jsonencode(" + v + ")";
        String notAnObject = v + " != null && !startswith(" + json + ", \"{\")";
        String unknown = "[for name in try(keys(" + v + "), []) : name if !contains(" + fields + ", name)]";
        String valueJson = "jsonencode(try(" + v + "[name], null))";
        String valueKind = "startswith(" + valueJson + ", \"\\\"\") ? \"string\" : " + RuleMapValidation.jsonKind(valueJson);
        String notLists = "[for name in try(keys(" + v + "), []) : { name = name, kind = " + valueKind + " } if contains("
                + fields + ", name) && " + valueJson + " != \"null\" && !startswith(" + valueJson + ", \"[\")]";
        List<Validation> vs = new ArrayList<>();
        vs.add(new Validation(ref("!(" + notAnObject + ")"),
                Expression.raw("!(" + notAnObject + ") ? \"\" : %s", Expression.template(
                        ShareWith.notAnObject("${startswith(" + json + ", \"[\") ? \"array\" : startswith(" + json
                                + ", \"\\\"\") ? \"string\" : " + RuleMapValidation.jsonKind(json) + "}"))),
                "an object (or null)."));
        vs.add(new Validation(ref("length(" + unknown + ") == 0"),
                ref("join(\"\\n\", [for name in " + unknown + " : "
                        + RuleMapValidation.interpolated(ShareWith.unknownField("${name}")) + "])"),
                "no name but " + String.join(", ", ShareWith.FIELDS.stream().map(f -> "`" + f + "`").toList())
                        + " (a misspelt one is an error, not dropped)."));
        vs.add(new Validation(ref("length(" + notLists + ") == 0"),
                ref("join(\"\\n\", [for bad in " + notLists + " : "
                        + RuleMapValidation.interpolated(ShareWith.notAList("${bad.name}", "${bad.kind}")) + "])"),
                "each value is a list (or null)."));
        List<String> perField = new ArrayList<>();
        for (ShareWith.Field field : ShareWith.Field.values()) {
            String entryJson = "jsonencode(entry)";
            perField.add("[for index, entry in " + entries(field) + " : { name = \"" + field.inputName() + "\", index = index, kind = "
                    + "(" + entryJson + " == \"null\" ? \"null\" : " + RuleMapValidation.jsonKind(entryJson) + ") } if !startswith("
                    + entryJson + ", \"\\\"\")]");
        }
        String notStrings = "flatten([" + String.join(", ", perField) + "])";
        vs.add(new Validation(ref("length(" + notStrings + ") == 0"),
                ref("join(\"\\n\", [for bad in " + notStrings + " : "
                        + RuleMapValidation.interpolated(ShareWith.notAString("${bad.name}", "${bad.index}", "${bad.kind}")) + "])"),
                "every entry is a string: a number is not silently turned into one."));
        return vs;
    }

    private static Validation validation(ShareWith.Field field) {
        String list = entries(field);
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
            lists.put(field.inputName(), ref("sort(distinct([for value in " + entries(field) + " : trimspace(value)]))"));
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
