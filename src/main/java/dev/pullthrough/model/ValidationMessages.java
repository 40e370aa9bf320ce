package dev.pullthrough.model;

/**
 * The constraint and fix texts of every validation rule, shared by the Java validation and the generated Terraform
 * {@code validation} blocks so that both say the same thing.
 */
public final class ValidationMessages {
    private ValidationMessages() {
    }

    public static final int MAX_RULES = 50;

    /**
     * Secrets Manager ARN of a pull-through credential: the current ECR API model's pattern (any partition,
     * {@code arn:aws}, {@code arn:aws-cn}, {@code arn:aws-us-gov}), narrowed where Terraform's AWS provider refuses more
     * at plan time: a lowercase partition, a region such as {@code eu-west-1} and a 12-digit account
     * (docs/DOMAIN.md, "Where the provider is stricter than AWS").
     */
    public static final String CREDENTIAL_ARN_PATTERN =
            "^arn:aws(-[a-z]+)*:secretsmanager:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:secret:ecr\\-pullthroughcache\\/[a-zA-Z0-9\\/_+=.@-]+$";
    public static final int CREDENTIAL_ARN_MIN_LENGTH = 50;
    public static final int CREDENTIAL_ARN_MAX_LENGTH = 612;
    /**
     * An IAM role ARN in any partition (spelled as the provider's ARN check wants it); the ECR API model caps
     * {@code customRoleArn} at 2,048 characters.
     */
    public static final String ROLE_ARN_PATTERN = "^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[a-zA-Z0-9+=,.@_/-]+$";
    public static final int ROLE_ARN_MAX_LENGTH = 2048;

    public static final String PREFIX_MISSING = "is required";
    public static final String PREFIX_MISSING_FIX = "Set it to a prefix such as docker-hub, or ROOT.";
    public static final String PREFIX_LENGTH = "must be 2 to 30 characters long";
    public static final String PREFIX_LENGTH_FIX = "Use a prefix such as docker-hub.";
    public static final String PREFIX_PATTERN =
            "must be lowercase letters and digits, separated by '.', '_' or '-', in '/'-separated parts, or ROOT";
    public static final String PREFIX_PATTERN_FIX = "Use a prefix such as docker-hub or team/ghcr.";
    public static final String DUPLICATE_PREFIX =
            "is used by more than one rule (a prefix identifies its rule; a trailing '/' does not make it different)";
    public static final String DUPLICATE_PREFIX_FIX = "Give each rule its own ecr_repository_prefix.";

    public static final String UPSTREAM_MISSING = "is required";
    public static final String UPSTREAM_UNSUPPORTED =
            "is not an upstream registry URL that ECR pull-through cache accepts";
    public static final String UPSTREAM_UNSUPPORTED_FIX =
            "Use one of: " + UpstreamKind.supportedForms() + " (host only, no scheme or path).";
    public static final String DOCKER_HUB_URL_FIX =
            "Use \"registry-1.docker.io\" for Docker Hub (\"docker.io\" is the image name prefix, not the registry AWS pulls from).";
    public static final String ECR_HOST_MALFORMED = "is not a well-formed private ECR registry host";
    public static final String ECR_HOST_MALFORMED_FIX =
            "Write it as <12-digit account>.dkr.ecr.<region>.amazonaws.com, or .amazonaws.com.cn for a China region"
                    + " (cn-north-1, cn-northwest-1).";
    /** An ECR upstream in another partition than the rule's registry: AWS refuses the rule when it is created. */
    public static final String ECR_UPSTREAM_OTHER_PARTITION =
            "is an ECR registry in another partition than the rule's registry: ECR-to-ECR pull-through cache stays within one partition";
    public static final String ECR_UPSTREAM_OTHER_PARTITION_FIX =
            "Use an upstream ECR registry in a region of the rule's own partition (aws, aws-cn or aws-us-gov, as the rule's region).";

    public static final String CREDENTIAL_REQUIRED =
            "is required for this upstream: AWS rejects the rule with UnsupportedUpstreamRegistryException"
                    + " (\"The specified upstream registry requires authentication\")";
    public static final String CREDENTIAL_REQUIRED_FIX =
            "Store {\"username\",\"accessToken\"} in a Secrets Manager secret named ecr-pullthroughcache/<name>"
                    + " in the same account and region, and set credential_arn to its ARN.";
    public static final String CREDENTIAL_ARN_FORMAT =
            "must be the ARN of a Secrets Manager secret whose name starts with ecr-pullthroughcache/"
                    + " (arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:ecr-pullthroughcache/<name>,"
                    + " 50-612 characters)";
    public static final String CREDENTIAL_ARN_FORMAT_FIX =
            "Name the secret ecr-pullthroughcache/<name> (AWS requires that prefix) and use its full ARN.";
    public static final String CREDENTIAL_ELSEWHERE =
            "must be a secret in the registry's own account and region: AWS rejects a credential from another one";
    public static final String CREDENTIAL_ELSEWHERE_FIX =
            "Create the secret ecr-pullthroughcache/<name> in the account and region of the rule, and use its ARN.";
    public static final String CREDENTIAL_NOT_USED = "is not used by this upstream, which needs no credential";
    public static final String CREDENTIAL_NOT_USED_FIX = "Remove credential_arn from this rule.";

    public static final String ECR_ONLY = "applies to ECR-to-ECR rules only";
    public static final String ECR_ONLY_FIX =
            "Remove it, or point upstream_registry_url at a private ECR registry host.";
    public static final String UPSTREAM_PREFIX_WITH_ROOT =
            "cannot be set when ecr_repository_prefix is ROOT";
    public static final String UPSTREAM_PREFIX_WITH_ROOT_FIX =
            "Remove upstream_repository_prefix, or give the rule a named ecr_repository_prefix.";
    public static final String ROLE_ARN_FORMAT = "must be an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<name>, at most 2048 characters)";
    public static final String ROLE_ARN_FORMAT_FIX =
            "Use the ARN of a role in the cache's account that ECR can assume to pull from the upstream registry.";

    public static final String TOO_MANY_RULES =
            "ECR allows at most 50 pull-through cache rules per registry (a quota that cannot be raised)";
    public static final String TOO_MANY_RULES_FIX =
            "Drop or merge rules, or spread them over another region or account.";
    public static final String KEY_BLANK = "rule keys must not be blank";
    public static final String KEY_BLANK_FIX = "Give the rule a key such as docker_hub.";

    public static final String ROOT_BREADTH =
            "a ROOT rule can only be granted as repository/*, i.e. every repository in the account";
    public static final String ROOT_BREADTH_FIX =
            "Prefer a named prefix such as docker-hub: the runner hook's loopback mirror still serves"
                    + " Docker Hub pulls transparently, and the runner policy stays scoped to repository/docker-hub/*.";
}
