package dev.pullthrough.module;

import static dev.pullthrough.model.ValidationMessages.CREDENTIAL_ARN_PATTERN;
import static dev.pullthrough.model.ValidationMessages.ROLE_ARN_PATTERN;

import dev.pullthrough.model.RepositoryPrefix;
import dev.pullthrough.model.RuleShape;
import dev.pullthrough.model.UpstreamKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The constants the rule validations and checks share, written once as locals (next to the variable, in
 * {@code variables.tf}) instead of inline in every condition and message: the rule attributes, the regular expressions
 * of prefixes, ARNs and the upstream catalogue ({@link UpstreamKind}), and the lookup tables of display names and
 * suggestions.
 *
 * <p>A variable's validation may read locals from Terraform 1.9 on, provided they do not depend on the variable itself
 * ({@code local.rules} would be a cycle): so only constants live here, and what is derived per rule stays inside each
 * validation's for-expression.
 */
final class RuleConstants {
    static final String ATTRIBUTES = "rule_attributes";
    static final String PREFIX_PATTERN = "repository_prefix_pattern";
    static final String UPSTREAM_HOSTS = "upstream_host_pattern";
    static final String NON_ECR_HOSTS = "non_ecr_upstream_host_pattern";
    static final String CREDENTIAL_HOSTS = "credential_upstream_host_pattern";
    static final String ECR_LIKE_HOSTS = "ecr_like_host_pattern";
    static final String DISPLAY_NAMES = "upstream_display_names";
    static final String ALIASES = "upstream_aliases";
    static final String ROLE_ARN = "role_arn_pattern";
    static final String CREDENTIAL_ARN = "credential_arn_pattern";

    /** Kinds whose URL is a host pattern, not one host: named by a pattern, the last one by elimination. */
    static final List<UpstreamKind> PATTERN_KINDS = List.of(UpstreamKind.AZURE, UpstreamKind.ECR);

    private RuleConstants() {
    }

    /** {@code local.<name>}. */
    static String local(String name) {
        return "local." + name;
    }

    /** Whether {@code value} matches the pattern held by the local {@code name}. */
    static String matches(String name, String value) {
        return "can(regex(" + local(name) + ", " + value + "))";
    }

    /** The local holding the anchored host pattern of a {@link #PATTERN_KINDS pattern kind}, e.g. {@code azure_host_pattern}. */
    static String hostPatternName(UpstreamKind kind) {
        return kind.name().toLowerCase(Locale.ROOT) + "_host_pattern";
    }

    /**
     * The locals block; {@code credentialFields} adds what only rules with {@code credential_arn} and
     * {@code custom_role_arn} need.
     */
    static Block block(String variable, boolean credentialFields) {
        Block.Builder b = Block.of("locals").comment("""
                Constants the validations of var.%s and the checks share. None depends on a variable: a validation may
                read such locals (Terraform 1.9 and later), while one built from var.%s would be a cycle.""".formatted(variable, variable));
        local(b, ATTRIBUTES, "The attributes a rule may have; any other is an error, not silently dropped.",
                Expression.stringList(RuleShape.FIELDS));
        local(b, PREFIX_PATTERN, "An ecr_repository_prefix (and upstream_repository_prefix): '/'-separated lowercase parts, or ROOT.",
                Expression.string(RepositoryPrefix.PATTERN));
        local(b, UPSTREAM_HOSTS, "Every upstream registry host ECR pull-through cache accepts.",
                Expression.string(kindPattern(k -> true)));
        local(b, NON_ECR_HOSTS, "The accepted upstream hosts that are not private ECR (which alone take an upstream prefix or role).",
                Expression.string(kindPattern(k -> !k.isEcr())));
        if (credentialFields) {
            local(b, CREDENTIAL_HOSTS, "The upstream hosts AWS requires a credential_arn for.",
                    Expression.string(kindPattern(UpstreamKind::credentialRequired)));
        }
        local(b, ECR_LIKE_HOSTS, "Hosts that look like private ECR but are not well-formed: told how to write one.",
                Expression.string("^(?:" + UpstreamKind.ECR_LIKE_PATTERN + ")$"));
        for (UpstreamKind kind : PATTERN_KINDS.subList(0, PATTERN_KINDS.size() - 1)) {
            local(b, hostPatternName(kind), "The hosts of " + kind.displayName() + ", named in messages.",
                    Expression.string("^" + hostPattern(kind) + "$"));
        }
        local(b, DISPLAY_NAMES, "Upstream hosts by the name messages use; " + PATTERN_KINDS.stream()
                        .map(UpstreamKind::displayName).collect(Collectors.joining(" and ")) + " hosts are matched by pattern.",
                displayNames());
        local(b, ALIASES, "What a URL that AWS does not accept most likely means: the suggestion in its message.",
                aliases());
        if (credentialFields) {
            local(b, ROLE_ARN, "An IAM role ARN (custom_role_arn).", Expression.string(ROLE_ARN_PATTERN));
            local(b, CREDENTIAL_ARN, "A Secrets Manager secret ARN whose name starts with ecr-pullthroughcache/ (credential_arn).",
                    Expression.string(CREDENTIAL_ARN_PATTERN));
        }
        return b.build();
    }

    private static void local(Block.Builder b, String name, String comment, Expression value) {
        b.attr(name, value, comment);
    }

    /** One anchored alternation of the URL forms of the kinds selected: exact hosts and host patterns. */
    private static String kindPattern(Predicate<UpstreamKind> which) {
        return Arrays.stream(UpstreamKind.values()).filter(which)
                .map(RuleConstants::hostPattern)
                .collect(Collectors.joining("|", "^(?:", ")$"));
    }

    private static String hostPattern(UpstreamKind kind) {
        return switch (kind) {
            case AZURE -> UpstreamKind.AZURE_HOST_PATTERN;
            case ECR -> UpstreamKind.ECR_HOST_PATTERN;
            default -> {
                if (!kind.urlForm().matches("[a-z0-9.-]+")) {
                    throw new IllegalStateException("no host pattern for " + kind + "; teach RuleConstants");
                }
                yield kind.urlForm().replace(".", "\\.");
            }
        };
    }

    private static Expression displayNames() {
        Expression.ObjectBuilder exact = Expression.object();
        for (UpstreamKind kind : UpstreamKind.values()) {
            if (!PATTERN_KINDS.contains(kind)) {
                exact.put(kind.urlForm(), kind.displayName());
            }
        }
        return exact.build();
    }

    private static Expression aliases() {
        Expression.ObjectBuilder map = Expression.object();
        new TreeMap<>(UpstreamKind.ALIASES).forEach(map::put);
        return map.build();
    }
}
