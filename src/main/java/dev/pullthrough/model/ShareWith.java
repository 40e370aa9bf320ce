package dev.pullthrough.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Who, besides the registry's own account, may pull through a hub account's pull-through cache: whole AWS
 * Organizations, organizational units (as {@code aws:PrincipalOrgPaths} paths) and single accounts.
 *
 * <p>Sharing a cache needs two resource policies in the hub (see docs/DOMAIN.md section 6): a registry
 * policy for the first-pull actions, which only it and identity policies can grant for repositories that do not exist
 * yet, and a repository policy, given by the creation templates, for the pull actions. This type only holds and checks
 * the principals; {@code dev.pullthrough.iam.SharedCachePolicies} renders the policies.
 *
 * @param organizationIds {@code o-} followed by 10 to 32 lowercase letters or digits
 * @param organizationalUnitPaths {@code o-.../r-.../ou-.../} paths, optionally ending in {@code *} for every OU below
 * @param accountIds 12-digit account ids
 */
public record ShareWith(List<String> organizationIds, List<String> organizationalUnitPaths, List<String> accountIds) {
    /** AWS Organizations' organization id pattern. Public for the generated Terraform validation. */
    public static final String ORGANIZATION_ID_PATTERN = "o-[a-z0-9]{10,32}";
    /**
     * An {@code aws:PrincipalOrgPaths} value: organization, root, then OU ids, each followed by {@code /}; a final
     * {@code *} matches the OUs below. Public for the generated Terraform validation.
     */
    public static final String ORGANIZATIONAL_UNIT_PATH_PATTERN =
            ORGANIZATION_ID_PATTERN + "/r-[0-9a-z]{4,32}/(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}/)*\\*?";

    public ShareWith {
        organizationIds = copy(organizationIds);
        organizationalUnitPaths = copy(organizationalUnitPaths);
        accountIds = copy(accountIds);
    }

    /** Shared with nobody: the cache stays private to its account, and no policy is added. */
    public static ShareWith nobody() {
        return new ShareWith(List.of(), List.of(), List.of());
    }

    public static ShareWith of(List<String> organizationIds, List<String> organizationalUnitPaths,
            List<String> accountIds) {
        return new ShareWith(organizationIds, organizationalUnitPaths, accountIds);
    }

    public boolean isNobody() {
        return organizationIds.isEmpty() && organizationalUnitPaths.isEmpty() && accountIds.isEmpty();
    }

    /** One of the three lists: its input name, the form AWS accepts, and the message for an entry that breaks it. */
    public enum Field {
        ORGANIZATION_IDS("organization_ids", ORGANIZATION_ID_PATTERN,
                "is not an AWS Organizations id (\"o-\" and 10 to 32 lowercase letters or digits)",
                "Use the id shown by 'aws organizations describe-organization', e.g. \"o-a1b2c3d4e5\"."),
        ORGANIZATIONAL_UNIT_PATHS("organizational_unit_paths", ORGANIZATIONAL_UNIT_PATH_PATTERN,
                "is not an organization path (organization id, root id and OU ids, each followed by \"/\", "
                        + "optionally ending in \"*\")",
                "Write it as aws:PrincipalOrgPaths expects, e.g. \"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*\"."),
        ACCOUNT_IDS("account_ids", RegistryCoordinates.ACCOUNT_ID_PATTERN, "is not an AWS account id (12 digits)",
                "Give the 12-digit id of the account whose runners pull, e.g. \"123456789012\".");

        private final String inputName;
        private final String pattern;
        private final Pattern compiled;
        private final String constraint;
        private final String fix;

        Field(String inputName, String pattern, String constraint, String fix) {
            this.inputName = inputName;
            this.pattern = pattern;
            this.compiled = Pattern.compile(pattern);
            this.constraint = constraint;
            this.fix = fix;
        }

        /** The attribute name in {@code share_with}, e.g. {@code account_ids}. */
        public String inputName() {
            return inputName;
        }

        /** The regular expression a whole entry must match (public for the generated Terraform validation). */
        public String pattern() {
            return pattern;
        }

        public boolean accepts(String value) {
            return compiled.matcher(value).matches();
        }

        /**
         * The message for entry {@code index} holding {@code value}; both may be Terraform interpolations, so the
         * generated validations say exactly what the Java side says.
         */
        public String message(String index, String value) {
            return "share_with." + inputName + "[" + index + "] = \"" + value + "\": " + constraint + ". " + fix;
        }

        public List<String> valuesOf(ShareWith share) {
            return switch (this) {
                case ORGANIZATION_IDS -> share.organizationIds();
                case ORGANIZATIONAL_UNIT_PATHS -> share.organizationalUnitPaths();
                case ACCOUNT_IDS -> share.accountIds();
            };
        }
    }

    /** The names {@code share_with} may hold, sorted; any other is a typo that would share nothing. */
    public static final List<String> FIELDS =
            Arrays.stream(Field.values()).map(Field::inputName).sorted().toList();

    /*
     * The shape of share_with as the module takes it (type any, so that a misspelt name is refused rather than
     * dropped by type conversion). The constructs take three typed lists and cannot get it wrong this way.
     */

    public static String notAnObject(String kind) {
        return "share_with must be an object with fields " + String.join(", ", FIELDS) + ", not " + kind;
    }

    public static String unknownField(String name) {
        return "share_with has unknown field \"" + name + "\"; allowed: " + String.join(", ", FIELDS)
                + " (a misspelt name would share nothing)";
    }

    /** @param kind what it is instead, as JSON names it: string, number, boolean, object */
    public static String notAList(String field, String kind) {
        return "share_with." + field + " must be a list of strings, not " + kind + ", e.g. [\"123456789012\"]";
    }

    /** @param kind what it is instead, as JSON names it: number, boolean, object, array, null */
    public static String notAString(String field, String index, String kind) {
        return "share_with." + field + "[" + index + "] must be a string, not " + kind;
    }

    /** A ROOT rule can only be granted as repository/*: sharing it would share every repository of the hub. */
    public static final String ROOT_RULE_PROBLEM = "share_with: cannot share a cache that has a ROOT rule: the shared "
            + "policies would grant repository/*, every repository in the account. Use named prefixes (e.g. "
            + "docker-hub) for a shared cache.";

    /**
     * Without creation templates the cache repositories get no repository policy, so other accounts could fill the
     * cache (registry policy) but never pull from it.
     */
    public static final String NEEDS_TEMPLATES_PROBLEM = "share_with: a shared cache needs its repository creation "
            + "templates: they give each cache repository the policy that lets the other accounts pull. Set "
            + "create_repository_templates = true, or leave share_with unset.";

    /**
     * Every problem, one line each, in the order fields are declared: the field and index, the bad value, the
     * constraint and the fix. A rule set with a ROOT rule cannot be shared: its policies would have to grant
     * {@code repository/*}, every repository in the hub account.
     */
    public List<String> problems(RuleSet rules) {
        return problems(rules, true, value -> true);
    }

    /**
     * As {@link #problems(RuleSet)}, for a cache with or without creation templates, checking the form of only the
     * entries {@code checkable} accepts (a construct skips values only known at plan time).
     */
    public List<String> problems(RuleSet rules, boolean creationTemplates, Predicate<String> checkable) {
        List<String> out = new ArrayList<>();
        for (Field field : Field.values()) {
            List<String> values = field.valuesOf(this);
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                if (checkable.test(v) && !field.accepts(v)) {
                    out.add(field.message(Integer.toString(i), v));
                }
            }
        }
        if (!isNobody() && rules.hasRoot()) {
            out.add(ROOT_RULE_PROBLEM);
        }
        if (!isNobody() && !creationTemplates) {
            out.add(NEEDS_TEMPLATES_PROBLEM);
        }
        return List.copyOf(out);
    }

    private static List<String> copy(List<String> values) {
        if (values == null) {
            return List.of();
        }
        values.forEach(v -> Objects.requireNonNull(v, "share_with entries must not be null"));
        return values.stream().map(String::trim).toList();
    }
}
