package dev.pullthrough.iam;

import java.util.List;

/**
 * One condition of a resource policy statement: {@code "StringEquals": {"aws:PrincipalOrgID": [...]}}.
 *
 * @param operator the IAM condition operator, e.g. {@code StringEquals} or {@code ForAnyValue:StringLike}
 * @param key the condition key, e.g. {@code aws:PrincipalOrgID}
 */
public record PolicyCondition(String operator, String key, List<String> values) {
    /** Matches callers in one of the organizations. */
    public static final String PRINCIPAL_ORG_ID = "aws:PrincipalOrgID";
    /** Matches callers whose account sits under one of the organization paths. */
    public static final String PRINCIPAL_ORG_PATHS = "aws:PrincipalOrgPaths";

    public PolicyCondition {
        values = List.copyOf(values);
    }

    public static PolicyCondition inOrganizations(List<String> organizationIds) {
        return new PolicyCondition("StringEquals", PRINCIPAL_ORG_ID, organizationIds);
    }

    /** {@code aws:PrincipalOrgPaths} is multivalued, hence the ForAnyValue set operator. */
    public static PolicyCondition underOrganizationPaths(List<String> paths) {
        return new PolicyCondition("ForAnyValue:StringLike", PRINCIPAL_ORG_PATHS, paths);
    }
}
