package dev.pullthrough.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who, besides the registry's own account, may pull through a hub account's pull-through cache: whole AWS
 * Organizations, organizational units (as {@code aws:PrincipalOrgPaths} paths) and single accounts.
 *
 * <p>Sharing a cache needs two resource policies in the hub (see docs/DOMAIN.md, "Sharing one cache"): a registry
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

    private static final Pattern ORGANIZATION_ID = Pattern.compile(ORGANIZATION_ID_PATTERN);
    private static final Pattern ORGANIZATIONAL_UNIT_PATH = Pattern.compile(ORGANIZATIONAL_UNIT_PATH_PATTERN);
    private static final Pattern ACCOUNT_ID = Pattern.compile(RegistryCoordinates.ACCOUNT_ID_PATTERN);

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

    /**
     * Every problem, one line each, in the order fields are declared: the field and index, the bad value, the
     * constraint and the fix. A rule set with a ROOT rule cannot be shared: its policies would have to grant
     * {@code repository/*}, every repository in the hub account.
     */
    public List<String> problems(RuleSet rules) {
        List<String> out = new ArrayList<>();
        check(out, "organization_ids", organizationIds, ORGANIZATION_ID,
                "is not an AWS Organizations id (\"o-\" and 10 to 32 lowercase letters or digits)",
                "Use the id shown by 'aws organizations describe-organization', e.g. \"o-a1b2c3d4e5\".");
        check(out, "organizational_unit_paths", organizationalUnitPaths, ORGANIZATIONAL_UNIT_PATH,
                "is not an organization path (organization id, root id and OU ids, each followed by \"/\", "
                        + "optionally ending in \"*\")",
                "Write it as aws:PrincipalOrgPaths expects, e.g. \"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*\".");
        check(out, "account_ids", accountIds, ACCOUNT_ID, "is not an AWS account id (12 digits)",
                "Give the 12-digit id of the account whose runners pull, e.g. \"123456789012\".");
        if (!isNobody() && rules.hasRoot()) {
            out.add("share_with: cannot share a cache that has a ROOT rule: the shared policies would grant "
                    + "repository/*, every repository in the account. Use named prefixes (e.g. docker-hub) for a "
                    + "shared cache.");
        }
        return List.copyOf(out);
    }

    private static void check(List<String> out, String field, List<String> values, Pattern pattern, String constraint,
            String fix) {
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (!pattern.matcher(v).matches()) {
                out.add("share_with." + field + "[" + i + "] = \"" + v + "\": " + constraint + ". " + fix);
            }
        }
    }

    private static List<String> copy(List<String> values) {
        if (values == null) {
            return List.of();
        }
        values.forEach(v -> Objects.requireNonNull(v, "share_with entries must not be null"));
        return values.stream().map(String::trim).toList();
    }
}
