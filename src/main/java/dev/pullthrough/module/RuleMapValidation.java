package dev.pullthrough.module;

import static dev.pullthrough.model.ValidationMessages.*;
import static dev.pullthrough.module.Expression.ref;

import dev.pullthrough.model.RepositoryPrefix;
import dev.pullthrough.model.RuleShape;
import dev.pullthrough.model.UpstreamKind;
import dev.pullthrough.model.ValidationMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code validation} blocks (and {@code check} warnings) of a rule-map variable, generated from the model so
 * that a plan rejects what {@code pullthrough validate} rejects, with the same message
 * ({@code rule "hub": upstream_registry_url = "docker.io": <constraint>. <fix>}, one line per problem).
 *
 * <p>Each validation first binds the values it needs per rule ({@code for key, rule in { for key, raw in var.rules :
 * key => { prefix = ..., url = ... } }}), trimmed and "" when absent, then tests them. The constants they share
 * (patterns, the upstream catalogue's tables) are locals ({@link RuleConstants}); a local built from the variable would
 * be a cycle, so the per-rule values are bound inside each validation. Terraform evaluates {@code error_message} even
 * when the condition holds, so messages are null-safe too, and {@code &&} and {@code ||} do not short-circuit, so no
 * fragment relies on it.
 */
final class RuleMapValidation {
    private static final String DOCKER_HUB_URL = UpstreamKind.DOCKER_HUB.urlForm();
    private static final String ROOT = RepositoryPrefix.ROOT_VALUE;

    private final String variable;
    private final ValidationMode mode;
    private final boolean credentialFields;

    /**
     * @param variable the variable's name ({@code rules}, {@code ecr_pull_through_cache_rules})
     * @param mode CREATE for rules the module creates (credentials required where AWS requires them)
     * @param credentialFields whether the objects have {@code credential_arn} and {@code custom_role_arn}
     */
    RuleMapValidation(String variable, ValidationMode mode, boolean credentialFields) {
        this.variable = variable;
        this.mode = mode;
        this.credentialFields = credentialFields;
    }

    private String var() {
        return "var." + variable;
    }

    // ---- HCL fragments ----

    /** A field trimmed, "" when null or absent. */
    static String field(String loopVar, String name) {
        return "try(trimspace(" + loopVar + "." + name + "), \"\")";
    }

    /** The prefix as it identifies a rule: trailing slashes removed, like {@code RepositoryPrefix.canonical()}. */
    static String canonical(String prefix) {
        return "replace(" + prefix + ", \"/[/]+$/\", \"\")";
    }

    static String matches(String anchoredPattern, String value) {
        return "can(regex(" + HclRenderer.quote(anchoredPattern) + ", " + value + "))";
    }

    /** Whether AWS accepts the URL as an upstream: {@code UpstreamKind.classify(x).isPresent()}. */
    private static String known(String x) {
        return RuleConstants.matches(RuleConstants.UPSTREAM_HOSTS, x);
    }

    private static String knownNonEcr(String x) {
        return RuleConstants.matches(RuleConstants.NON_ECR_HOSTS, x);
    }

    private static String credentialRequired(String x) {
        return RuleConstants.matches(RuleConstants.CREDENTIAL_HOSTS, x);
    }

    /** The display name of a known upstream URL: by host, else by the pattern kinds' patterns, the last one left. */
    private static String displayName(String x) {
        List<UpstreamKind> patternKinds = RuleConstants.PATTERN_KINDS;
        String fallback = HclRenderer.quote(patternKinds.get(patternKinds.size() - 1).displayName());
        for (int i = patternKinds.size() - 2; i >= 0; i--) {
            fallback = RuleConstants.matches(RuleConstants.hostPatternName(patternKinds.get(i)), x) + " ? "
                    + HclRenderer.quote(patternKinds.get(i).displayName()) + " : " + fallback;
        }
        return "lookup(" + RuleConstants.local(RuleConstants.DISPLAY_NAMES) + ", " + x + ", " + fallback + ")";
    }

    /** Lower case, no scheme, no trailing slashes: {@code UpstreamKind}'s normalisation before suggesting. */
    private static String host(String url) {
        return "replace(replace(lower(" + url + "), \"/^[a-z]+:[/][/]/\", \"\"), \"/[/]+$/\", \"\")";
    }

    /** {@code expression} over the normalised host of {@code url}, named {@code host}: computed once, not per use. */
    private static String withHost(String url, String expression) {
        return "[for host in [" + host(url) + "] : " + expression + "][0]";
    }

    /**
     * {@code UpstreamKind.suggestionFor(url)} for a URL AWS does not accept, "" when none: the alias table, else the
     * normalised host when that is accepted.
     */
    private static String suggestion(String url) {
        return withHost(url, "lookup(" + RuleConstants.local(RuleConstants.ALIASES) + ", host, " + known("host")
                + " ? host : \"\")");
    }

    /**
     * The URL whose kind decides the credential: the URL itself when AWS accepts it (then it is its own alias or
     * absent from the table), else what it most likely means, so that {@code docker.io} is also told it needs one.
     */
    private static String kindUrl(String url) {
        return withHost(url, "lookup(" + RuleConstants.local(RuleConstants.ALIASES) + ", host, host)");
    }

    // ---- messages: rule "<key>": <field> = "<value>": <constraint>. <fix> ----

    /** A message template; Strings are literal text, Expressions interpolations. */
    private static Expression message(String field, String value, Object... constraintThenFix) {
        List<Object> parts = new ArrayList<>();
        parts.add("rule \"");
        parts.add(ref("trimspace(key)"));
        parts.add("\": " + field);
        if (value == null) {
            parts.add(" is missing: ");
        } else {
            parts.add(" = \"");
            parts.add(ref(value));
            parts.add("\": ");
        }
        for (Object part : constraintThenFix) {
            if (part instanceof List<?> list) {
                parts.addAll(list);
            } else {
                parts.add(part);
            }
        }
        List<Object> merged = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof String s && !merged.isEmpty() && merged.get(merged.size() - 1) instanceof String last) {
                merged.set(merged.size() - 1, last + s);
            } else {
                merged.add(part);
            }
        }
        return new Expression.Template(merged);
    }

    /** A model text with "this upstream" replaced by the upstream's display name. */
    private static List<Object> withUpstreamName(String text, String displayNameExpression) {
        String marker = "this upstream";
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("expected '" + marker + "' in: " + text);
        }
        return List.of(text.substring(0, at), ref(displayNameExpression), text.substring(at + marker.length()));
    }

    // ---- validations ----

    /**
     * A per-rule validation: binds {@code rule.<name>} per rule, requires {@code ok} of every rule, and lists the
     * message of each rule that fails.
     */
    private Validation perRule(Map<String, String> bindings, String ok, Expression message, String summary) {
        Expression.ObjectBuilder bound = Expression.object();
        bindings.forEach((name, hcl) -> bound.put(name, ref(hcl)));
        Expression boundRules = Expression.forObject("key", "raw", ref(var()), ref("key"), bound.build(), null);
        Expression condition = Expression.call("alltrue",
                Expression.forTuple("key", "rule", boundRules, ref(ok), null));
        Expression messages = Expression.call("join", Expression.string("\n"),
                Expression.forTuple("key", "rule", boundRules, message, ref("!(" + ok + ")")));
        return new Validation(condition, messages, summary);
    }

    private static Map<String, String> bind(String... nameThenHcl) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenHcl.length; i += 2) {
            m.put(nameThenHcl[i], nameThenHcl[i + 1]);
        }
        return m;
    }

    private static String wellFormedPrefix(String value) {
        return RuleConstants.matches(RuleConstants.PREFIX_PATTERN, value) + " && length(" + value + ") >= " + RepositoryPrefix.MIN_LENGTH
                + " && length(" + value + ") <= " + RepositoryPrefix.MAX_LENGTH;
    }

    private static String lengthOutside(String value) {
        return "length(" + value + ") < " + RepositoryPrefix.MIN_LENGTH + " || length(" + value + ") > "
                + RepositoryPrefix.MAX_LENGTH;
    }

    /**
     * The rule objects' shape, as the rules file reader checks it ({@link RuleShape}): the variable's type is
     * {@code any}, because an object type would silently drop a misspelt attribute and turn a number into a string.
     * Values known only at plan time make these conditions unknown, and Terraform then checks them at apply.
     */
    private List<Validation> shape() {
        String fields = RuleConstants.local(RuleConstants.ATTRIBUTES);
        String notAnObject = "!can(keys(raw))";
        String unknown = "[for name in try(keys(raw), []) : name if !contains(" + fields + ", name)]";
        // A string's JSON starts with a quote; null is allowed (an absent optional attribute).
        String json = "jsonencode(raw[name])";
        String kind = jsonKind(json);
        String notStrings = "[for name in try(keys(raw), []) : { name = name, kind = " + kind + " } if contains(" + fields
                + ", name) && " + json + " != \"null\" && !startswith(" + json + ", \"\\\"\")]";
        List<Validation> vs = new ArrayList<>();
        vs.add(new Validation(ref("alltrue([for key, raw in " + var() + " : !(" + notAnObject + ")])"),
                Expression.call("join", Expression.string("\n"), Expression.forTuple("key", "raw", ref(var()),
                        Expression.template(RuleShape.notAnObject("${key}")), ref(notAnObject))),
                "every rule is an object."));
        vs.add(new Validation(ref("alltrue([for key, raw in " + var() + " : length(" + unknown + ") == 0])"),
                ref("join(\"\\n\", flatten([for key, raw in " + var() + " : [for name in " + unknown + " : "
                        + interpolated(RuleShape.unknownField("${key}", "${name}")) + "]]))"),
                "no attribute but " + String.join(", ", RuleShape.FIELDS.stream().map(f -> "`" + f + "`").toList())
                        + " (a misspelt one is an error, not dropped)."));
        vs.add(new Validation(ref("alltrue([for key, raw in " + var() + " : length(" + notStrings + ") == 0])"),
                ref("join(\"\\n\", flatten([for key, raw in " + var() + " : [for bad in " + notStrings + " : "
                        + interpolated(RuleShape.notAString("${key}", "${bad.name}", "${bad.kind}")) + "]]))"),
                "every attribute is a string (or null): a number is not silently turned into one."));
        return vs;
    }

    /**
     * What a non-string, non-null value is, as JSON names it (object, array, boolean, number), from its
     * {@code jsonencode}: an {@code any} input's type is only known per value.
     */
    static String jsonKind(String json) {
        return "startswith(" + json + ", \"{\") ? \"object\" : startswith(" + json + ", \"[\") ? \"array\""
                + " : contains([\"true\", \"false\"], " + json + ") ? \"boolean\" : \"number\"";
    }

    /** An HCL string literal whose {@code ${...}} parts (plain references only) stay interpolations. */
    static String interpolated(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    List<Validation> validations() {
        String prefix = field("raw", "ecr_repository_prefix");
        String url = field("raw", "upstream_registry_url");
        List<Validation> vs = new ArrayList<>();
        vs.addAll(shape());

        vs.add(new Validation(ref("length(" + var() + ") <= " + MAX_RULES),
                new Expression.Template(List.of("rules: ", ref("length(" + var() + ")"),
                        " rules given; " + TOO_MANY_RULES + ". " + TOO_MANY_RULES_FIX)),
                "at most " + MAX_RULES + " rules (an ECR quota that cannot be raised)."));
        vs.add(new Validation(ref("alltrue([for key in keys(" + var() + ") : trimspace(key) != \"\"])"),
                Expression.string("rule \"\": " + KEY_BLANK + ". " + KEY_BLANK_FIX),
                "rule keys are not blank."));

        vs.add(perRule(bind("prefix", prefix),
                wellFormedPrefix("rule.prefix"),
                Expression.raw("rule.prefix == \"\" ? %s : " + lengthOutside("rule.prefix") + " ? %s : %s",
                        message("ecr_repository_prefix", null, PREFIX_MISSING + ". " + PREFIX_MISSING_FIX),
                        message("ecr_repository_prefix", "rule.prefix", PREFIX_LENGTH + " (it is ",
                                ref("length(rule.prefix)"), "). " + PREFIX_LENGTH_FIX),
                        message("ecr_repository_prefix", "rule.prefix", PREFIX_PATTERN + ". " + PREFIX_PATTERN_FIX)),
                "`ecr_repository_prefix` is " + RepositoryPrefix.MIN_LENGTH + "-" + RepositoryPrefix.MAX_LENGTH
                        + " characters of lowercase letters, digits, `.`, `_`, `-` and `/`, or `ROOT`."));

        String otherPrefix = field("other", "ecr_repository_prefix");
        vs.add(perRule(bind("prefix", prefix,
                        "others", "[for other_key, other in " + var() + " : trimspace(other_key) if other_key != key && "
                                + otherPrefix + " != \"\" && " + canonical(otherPrefix) + " == " + canonical(prefix) + "]"),
                "rule.prefix == \"\" || length(rule.others) == 0",
                message("ecr_repository_prefix", "rule.prefix", DUPLICATE_PREFIX + "; also used by rule(s) ",
                        ref("join(\", \", rule.others)"), ". " + DUPLICATE_PREFIX_FIX),
                "each rule has its own `ecr_repository_prefix` (compared trimmed, without a trailing `/`)."));

        vs.add(perRule(bind("url", url, "suggestion", suggestion(url)),
                known("rule.url"),
                Expression.raw("rule.url == \"\" ? %s : rule.suggestion == " + HclRenderer.quote(DOCKER_HUB_URL)
                                + " ? %s : rule.suggestion != \"\" ? %s : "
                                + RuleConstants.matches(RuleConstants.ECR_LIKE_HOSTS, "rule.url") + " ? %s : %s",
                        message("upstream_registry_url", null, UPSTREAM_MISSING + ". " + UPSTREAM_UNSUPPORTED_FIX),
                        message("upstream_registry_url", "rule.url", UPSTREAM_UNSUPPORTED + ". " + DOCKER_HUB_URL_FIX),
                        message("upstream_registry_url", "rule.url", UPSTREAM_UNSUPPORTED + ". Use \"",
                                ref("rule.suggestion"), "\" (host only, no scheme or path)."),
                        message("upstream_registry_url", "rule.url", ECR_HOST_MALFORMED + ". " + ECR_HOST_MALFORMED_FIX),
                        message("upstream_registry_url", "rule.url", UPSTREAM_UNSUPPORTED + ". " + UPSTREAM_UNSUPPORTED_FIX)),
                "`upstream_registry_url` is an upstream ECR accepts: " + UpstreamKind.supportedForms()
                        + " (`docker.io` is rejected with a pointer to `" + DOCKER_HUB_URL + "`)."));

        vs.add(perRule(bind("prefix", prefix, "url", url, "upstream_prefix", field("raw", "upstream_repository_prefix")),
                "rule.upstream_prefix == \"\" || (rule.prefix != \"" + ROOT + "\" && !" + knownNonEcr("rule.url") + " && "
                        + wellFormedPrefix("rule.upstream_prefix") + ")",
                Expression.raw("rule.prefix == \"" + ROOT + "\" ? %s : " + knownNonEcr("rule.url") + " ? %s : "
                                + lengthOutside("rule.upstream_prefix") + " ? %s : %s",
                        message("upstream_repository_prefix", "rule.upstream_prefix",
                                UPSTREAM_PREFIX_WITH_ROOT + ". " + UPSTREAM_PREFIX_WITH_ROOT_FIX),
                        message("upstream_repository_prefix", "rule.upstream_prefix", ECR_ONLY + ", not ",
                                ref(displayName("rule.url")), ". " + ECR_ONLY_FIX),
                        message("upstream_repository_prefix", "rule.upstream_prefix", PREFIX_LENGTH + " (it is ",
                                ref("length(rule.upstream_prefix)"), "). " + PREFIX_LENGTH_FIX),
                        message("upstream_repository_prefix", "rule.upstream_prefix", PREFIX_PATTERN + ". " + PREFIX_PATTERN_FIX)),
                "`upstream_repository_prefix` only with a private ECR upstream and a named (not ROOT) prefix, and"
                        + " well-formed like a prefix."));

        if (credentialFields) {
            vs.add(perRule(bind("url", url, "role", field("raw", "custom_role_arn")),
                    "rule.role == \"\" || (!" + knownNonEcr("rule.url") + " && length(rule.role) <= " + ROLE_ARN_MAX_LENGTH
                            + " && " + RuleConstants.matches(RuleConstants.ROLE_ARN, "rule.role") + ")",
                    Expression.raw(knownNonEcr("rule.url") + " ? %s : %s",
                            message("custom_role_arn", "rule.role", ECR_ONLY + ", not ", ref(displayName("rule.url")),
                                    ". " + ECR_ONLY_FIX),
                            message("custom_role_arn", "rule.role", ROLE_ARN_FORMAT + ". " + ROLE_ARN_FORMAT_FIX)),
                    "`custom_role_arn` only with a private ECR upstream, and an IAM role ARN."));

            String wellFormed = "length(rule.credential) >= " + CREDENTIAL_ARN_MIN_LENGTH + " && length(rule.credential) <= "
                    + CREDENTIAL_ARN_MAX_LENGTH + " && " + RuleConstants.matches(RuleConstants.CREDENTIAL_ARN, "rule.credential");
            String required = credentialRequired("rule.kind_url");
            String ok = mode == ValidationMode.CREATE
                    ? "!" + required + " || (rule.credential != \"\" && " + wellFormed + ")"
                    : "!" + required + " || rule.credential == \"\" || (" + wellFormed + ")";
            vs.add(perRule(bind("credential", field("raw", "credential_arn"), "kind_url", kindUrl(url)),
                    ok,
                    Expression.raw("rule.credential == \"\" ? %s : %s",
                            message("credential_arn", null, withUpstreamName(CREDENTIAL_REQUIRED, displayName("rule.kind_url")),
                                    ". " + CREDENTIAL_REQUIRED_FIX),
                            message("credential_arn", "rule.credential", CREDENTIAL_ARN_FORMAT + ". " + CREDENTIAL_ARN_FORMAT_FIX)),
                    (mode == ValidationMode.CREATE
                            ? "`credential_arn` is set for upstreams that require one ("
                                    + Arrays.stream(UpstreamKind.values()).filter(UpstreamKind::credentialRequired)
                                            .map(UpstreamKind::displayName).collect(Collectors.joining(", ")) + "), and is "
                            : "`credential_arn`, when set, is ")
                            + "a Secrets Manager ARN whose secret name starts with `ecr-pullthroughcache/`."));
        }
        return vs;
    }

    /**
     * A credential must live in the registry's account and region. Checked as a precondition of the rule resource,
     * where the account and region are known (given or looked up); unknown until apply when the ARN is.
     */
    static Validation credentialLocation() {
        String arn = "each.value.credential_arn";
        return new Validation(
                ref(arn + " == null ? true : try(split(\":\", " + arn + ")[3] == local.region && split(\":\", " + arn
                        + ")[4] == local.account_id, true)"),
                new Expression.Template(List.of("rule \"", ref("each.key"), "\": credential_arn = \"", ref(arn + " == null ? \"\" : " + arn),
                        "\": " + CREDENTIAL_ELSEWHERE + ". " + CREDENTIAL_ELSEWHERE_FIX)),
                "`credential_arn` is a secret in the registry's own account and region.");
    }

    /**
     * An ECR upstream in the registry's own partition: {@code partition} when given, else that of {@code region},
     * else the provider's, as the constructs and the CLI decide (the partition given, else the region's). A precondition of the rule resource, like
     * {@link #credentialLocation()}: it reads a local that may come from a data source. The validations have passed
     * by then, so a URL with {@code .dkr.ecr.} after its first label is a well-formed ECR host.
     */
    static Validation ecrUpstreamPartition() {
        String url = "each.value.upstream_registry_url";
        String isEcr = "try(split(\".\", " + url + ")[1] == \"dkr\" && split(\".\", " + url + ")[2] == \"ecr\", false)";
        String upstream = Coordinates.partitionOf("split(\".\", " + url + ")[3]");
        String registry = Coordinates.givenPartition();
        return new Validation(
                ref("!" + isEcr + " ? true : " + upstream + " == " + registry),
                new Expression.Template(List.of("rule \"", ref("each.key"), "\": upstream_registry_url = \"", ref(url),
                        "\": " + ECR_UPSTREAM_OTHER_PARTITION + " (", ref("!" + isEcr + " ? \"\" : " + upstream),
                        ", not ", ref(registry), "). " + ECR_UPSTREAM_OTHER_PARTITION_FIX)),
                "an ECR upstream is in the registry's own partition.");
    }

    /**
     * Warnings: a ROOT rule's breadth; a credential an upstream does not use. Unlike validations, checks may read
     * {@code local.rules} (already trimmed, absent values null), and they only run once the validations passed, so
     * every URL there is one AWS accepts.
     */
    List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        String isRoot = "rule.ecr_repository_prefix == \"" + ROOT + "\"";
        checks.add(new Check("root_rule_breadth", List.of(new Validation(
                ref("!anytrue([for rule in values(local.rules) : " + isRoot + "])"),
                Expression.call("join", Expression.string("\n"), Expression.forTuple("key", "rule", ref("local.rules"),
                        message("ecr_repository_prefix", "rule.ecr_repository_prefix", ROOT_BREADTH + ". " + ROOT_BREADTH_FIX),
                        ref(isRoot))),
                "a ROOT rule: runners can then only be granted `repository/*`, every repository in the account."))));
        if (credentialFields) {
            // A conditional, not &&: a credential_arn known only after apply (aws_secretsmanager_secret.x.arn) on an
            // upstream that needs one must leave the check known and passing, not "known after apply" on every plan.
            String unused = credentialRequired("rule.upstream_registry_url") + " ? false : rule.credential_arn != null";
            checks.add(new Check("unused_credentials", List.of(new Validation(
                    ref("!anytrue([for rule in values(local.rules) : " + unused + "])"),
                    Expression.call("join", Expression.string("\n"), Expression.forTuple("key", "rule", ref("local.rules"),
                            message("credential_arn", "rule.credential_arn",
                                    withUpstreamName(CREDENTIAL_NOT_USED, displayName("rule.upstream_registry_url")),
                                    ". " + CREDENTIAL_NOT_USED_FIX),
                            ref(unused))),
                    "a `credential_arn` on an upstream that needs none."))));
        }
        return checks;
    }
}
