package dev.pullthrough.model;

import static dev.pullthrough.model.ValidationMessages.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a rule set against every AWS constraint at once, so that users fix all problems in one go. */
final class RuleSetValidator {
    private static final Pattern CREDENTIAL_ARN = Pattern.compile(CREDENTIAL_ARN_PATTERN);
    private static final Pattern ROLE_ARN = Pattern.compile(ROLE_ARN_PATTERN);
    /** Looks like someone meant an ECR host: worth a more specific message than "unsupported upstream". */
    private static final Pattern ECR_LIKE = Pattern.compile(UpstreamKind.ECR_LIKE_PATTERN);

    private final ValidationMode mode;
    private final RegistryLocation location;
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    private RuleSetValidator(ValidationMode mode, RegistryLocation location) {
        this.mode = mode;
        this.location = location;
    }

    static ValidationReport validate(RuleSet rules, ValidationMode mode, RegistryLocation location) {
        RuleSetValidator v = new RuleSetValidator(mode, location);
        v.check(rules);
        return new ValidationReport(v.errors, v.warnings);
    }

    private void check(RuleSet set) {
        if (set.rules().size() > MAX_RULES) {
            errors.add(Problem.error(null, null, null, set.rules().size() + " rules given; " + TOO_MANY_RULES,
                    TOO_MANY_RULES_FIX));
        }
        for (PullThroughRule rule : set.rules()) {
            checkRule(rule);
        }
        checkDuplicatePrefixes(set);
    }

    private void checkRule(PullThroughRule rule) {
        String key = rule.key();
        if (key.isEmpty()) {
            errors.add(Problem.error(key, null, null, KEY_BLANK, KEY_BLANK_FIX));
        }
        checkPrefix(key, "ecr_repository_prefix", rule.ecrRepositoryPrefix(), true);
        Optional<UpstreamKind> kind = checkUpstream(key, rule.upstreamRegistryUrl());
        // A mistyped URL with an obvious meaning (docker.io) still gets its credential checked, so that one run
        // reports everything the user has to fix.
        kind.or(() -> UpstreamKind.suggestionFor(rule.upstreamRegistryUrl()).flatMap(UpstreamKind::classify))
                .ifPresent(k -> checkCredential(rule, k));
        if (mode == ValidationMode.CREATE) {
            kind.filter(UpstreamKind::isEcr).ifPresent(k -> checkEcrUpstreamPartition(key, rule.upstreamRegistryUrl()));
        }
        rule.upstreamRepositoryPrefix().ifPresent(p -> {
            if (rule.isRoot()) {
                errors.add(Problem.error(key, "upstream_repository_prefix", p, UPSTREAM_PREFIX_WITH_ROOT,
                        UPSTREAM_PREFIX_WITH_ROOT_FIX));
            } else if (kind.isPresent() && !kind.get().isEcr()) {
                errors.add(Problem.error(key, "upstream_repository_prefix", p,
                        ECR_ONLY + ", not " + kind.get().displayName(), ECR_ONLY_FIX));
            } else {
                checkPrefix(key, "upstream_repository_prefix", p, false);
            }
        });
        rule.customRoleArn().ifPresent(arn -> {
            if (kind.isPresent() && !kind.get().isEcr()) {
                errors.add(Problem.error(key, "custom_role_arn", arn,
                        ECR_ONLY + ", not " + kind.get().displayName(), ECR_ONLY_FIX));
            } else if (arn.length() > ROLE_ARN_MAX_LENGTH || !ROLE_ARN.matcher(arn).matches()) {
                errors.add(Problem.error(key, "custom_role_arn", arn, ROLE_ARN_FORMAT, ROLE_ARN_FORMAT_FIX));
            }
        });
        if (rule.isRoot()) {
            warnings.add(Problem.warning(key, "ecr_repository_prefix", rule.ecrRepositoryPrefix(), ROOT_BREADTH,
                    ROOT_BREADTH_FIX));
        }
    }

    /**
     * ECR-to-ECR rules stay inside one partition (AWS refuses the rule otherwise): the upstream's region, read from its
     * host, must be in the partition of the rule's registry, where that is known. Only for rules about to be
     * created: a rule that exists (the runner side) passed this check at AWS.
     */
    private void checkEcrUpstreamPartition(String key, String url) {
        Optional<Partition> upstream = RegistryCoordinates.parseHost(url).map(RegistryCoordinates::partition);
        if (upstream.isPresent() && location.partition().isPresent() && upstream.get() != location.partition().get()) {
            errors.add(Problem.error(key, "upstream_registry_url", url, ECR_UPSTREAM_OTHER_PARTITION + " ("
                    + upstream.get().id() + ", not " + location.partition().get().id() + ")",
                    ECR_UPSTREAM_OTHER_PARTITION_FIX));
        }
    }

    private void checkPrefix(String key, String field, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                errors.add(Problem.error(key, field, null, PREFIX_MISSING, PREFIX_MISSING_FIX));
            }
            return;
        }
        RepositoryPrefix prefix = new RepositoryPrefix(value);
        if (value.length() < RepositoryPrefix.MIN_LENGTH || value.length() > RepositoryPrefix.MAX_LENGTH) {
            errors.add(Problem.error(key, field, value,
                    PREFIX_LENGTH + " (it is " + value.length() + ")", PREFIX_LENGTH_FIX));
        } else if (!prefix.isWellFormed()) {
            errors.add(Problem.error(key, field, value, PREFIX_PATTERN, PREFIX_PATTERN_FIX));
        }
    }

    private Optional<UpstreamKind> checkUpstream(String key, String url) {
        String field = "upstream_registry_url";
        if (url.isEmpty()) {
            errors.add(Problem.error(key, field, null, UPSTREAM_MISSING, UPSTREAM_UNSUPPORTED_FIX));
            return Optional.empty();
        }
        Optional<UpstreamKind> kind = UpstreamKind.classify(url);
        if (kind.isPresent()) {
            return kind;
        }
        Optional<String> suggestion = UpstreamKind.suggestionFor(url);
        if (suggestion.filter(UpstreamKind.DOCKER_HUB.urlForm()::equals).isPresent()) {
            errors.add(Problem.error(key, field, url, UPSTREAM_UNSUPPORTED, DOCKER_HUB_URL_FIX));
        } else if (suggestion.isPresent()) {
            errors.add(Problem.error(key, field, url, UPSTREAM_UNSUPPORTED,
                    "Use \"" + suggestion.get() + "\" (host only, no scheme or path)."));
        } else if (ECR_LIKE.matcher(url).matches()) {
            errors.add(Problem.error(key, field, url, ECR_HOST_MALFORMED, ECR_HOST_MALFORMED_FIX));
        } else {
            errors.add(Problem.error(key, field, url, UPSTREAM_UNSUPPORTED, UPSTREAM_UNSUPPORTED_FIX));
        }
        return Optional.empty();
    }

    private void checkCredential(PullThroughRule rule, UpstreamKind kind) {
        String field = "credential_arn";
        Optional<String> arn = rule.credentialArn();
        if (arn.isEmpty()) {
            if (kind.credentialRequired() && mode == ValidationMode.CREATE) {
                errors.add(Problem.error(rule.key(), field, null,
                        CREDENTIAL_REQUIRED.replace("this upstream", kind.displayName()), CREDENTIAL_REQUIRED_FIX));
            }
            return;
        }
        String value = arn.get();
        if (!kind.credentialRequired()) {
            warnings.add(Problem.warning(rule.key(), field, value,
                    CREDENTIAL_NOT_USED.replace("this upstream", kind.displayName()), CREDENTIAL_NOT_USED_FIX));
            return;
        }
        if (value.length() < CREDENTIAL_ARN_MIN_LENGTH || value.length() > CREDENTIAL_ARN_MAX_LENGTH
                || !CREDENTIAL_ARN.matcher(value).matches()) {
            errors.add(Problem.error(rule.key(), field, value, CREDENTIAL_ARN_FORMAT, CREDENTIAL_ARN_FORMAT_FIX));
        } else if (location.excludes(value)) {
            errors.add(Problem.error(rule.key(), field, value, CREDENTIAL_ELSEWHERE, CREDENTIAL_ELSEWHERE_FIX));
        }
    }

    private void checkDuplicatePrefixes(RuleSet set) {
        Map<String, List<String>> keysByPrefix = new LinkedHashMap<>();
        for (PullThroughRule rule : set.rules()) {
            if (!rule.ecrRepositoryPrefix().isEmpty()) {
                keysByPrefix.computeIfAbsent(rule.prefix().canonical(), p -> new ArrayList<>()).add(rule.key());
            }
        }
        for (PullThroughRule rule : set.rules()) {
            List<String> keys = keysByPrefix.get(rule.prefix().canonical());
            if (keys != null && keys.size() > 1) {
                List<String> others = new ArrayList<>(keys);
                others.remove(rule.key());
                errors.add(Problem.error(rule.key(), "ecr_repository_prefix", rule.ecrRepositoryPrefix(),
                        DUPLICATE_PREFIX + "; also used by rule(s) " + String.join(", ", others),
                        DUPLICATE_PREFIX_FIX));
            }
        }
    }
}
