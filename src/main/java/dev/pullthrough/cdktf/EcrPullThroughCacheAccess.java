package dev.pullthrough.cdktf;

import com.hashicorp.cdktf.Token;
import dev.pullthrough.cdktf.aws.IamPolicy;
import dev.pullthrough.cdktf.aws.IamRolePolicyAttachment;
import dev.pullthrough.iam.PolicyDocument;
import dev.pullthrough.iam.RunnerPolicy;
import dev.pullthrough.model.InvalidRuleSetException;
import dev.pullthrough.model.Partition;
import dev.pullthrough.model.RoleNames;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * The EcrPullThroughCacheAccess policy: the least a runner needs to pull through existing rules and fill the cache
 * (see {@link RunnerPolicy}), optionally attached to runner roles given by name.
 *
 * <p>Role names are plain strings, so roles from anywhere work: literals, variables, or {@code role.getName()} of the
 * prebuilt cdktf-provider-aws IamRole. The rules are validated as references to existing rules (credentials are not
 * needed here); an invalid set throws {@link InvalidRuleSetException} listing every problem.
 */
public class EcrPullThroughCacheAccess extends Construct {
    public static final String DEFAULT_NAME_PREFIX = RunnerPolicy.DEFAULT_POLICY_NAME_PREFIX;
    public static final String DEFAULT_DESCRIPTION = RunnerPolicy.DEFAULT_DESCRIPTION;

    private final PolicyDocument policyDocument;
    private final String policyJson;
    private final IamPolicy policy;
    private final List<IamRolePolicyAttachment> attachments;

    protected EcrPullThroughCacheAccess(Builder b) {
        super(b.scope, b.checkedId());
        AccountLocation location = b.location != null ? b.location.withRegistry(b.registryAccountId, b.registryRegion)
                : AccountLocation.resolve(this, b.given(), true, true);
        this.policyDocument = RunnerPolicy.from(b.rules, location.arnScope());
        this.policyJson = policyDocument.toJson();
        // No rules, nothing to grant: no policy and no attachment, as in the modules.
        this.policy = b.rules.isEmpty() ? null : IamPolicy.Builder.create(this, "policy")
                .name(b.policyName)
                .namePrefix(b.policyName == null ? DEFAULT_NAME_PREFIX : null)
                .path(b.path)
                .description(b.description)
                .policy(policyJson)
                .tags(b.tags)
                .build();
        List<IamRolePolicyAttachment> made = new ArrayList<>();
        for (String roleName : policy == null ? List.<String>of() : b.roleNames) {
            made.add(IamRolePolicyAttachment.Builder.create(this, attachmentId(roleName, b.roleNames))
                    .role(roleName)
                    .policyArn(policy.getArn())
                    .build());
        }
        this.attachments = Collections.unmodifiableList(made);
        Warnings.annotate(this, b.report.warnings());
    }

    /**
     * An attachment is keyed by its role name, as the modules key theirs, so removing one role changes only its own
     * attachment. A name that is a token (known at plan time only) has no name to key by yet: it is keyed by its
     * position among the token names, which stays put when literal names come and go.
     */
    private static String attachmentId(String roleName, List<String> roleNames) {
        if (!Token.isUnresolved(roleName)) {
            return "role-" + ConstructIds.of(roleName.trim());
        }
        List<String> tokens = roleNames.stream().filter(Token::isUnresolved).toList();
        return "role-token-" + tokens.indexOf(roleName);
    }

    /** The policy as built from the model (statements, resources, warnings); ARNs may contain tokens. */
    public PolicyDocument getPolicyDocument() {
        return policyDocument;
    }

    /** The policy JSON as given to aws_iam_policy (tokens resolve at synth). */
    public String getPolicyJson() {
        return policyJson;
    }

    /** The policy; null when there are no rules. */
    public IamPolicy getPolicy() {
        return policy;
    }

    /** The policy's ARN; null when there are no rules. */
    public String getPolicyArn() {
        return policy == null ? null : policy.getArn();
    }

    public List<IamRolePolicyAttachment> getAttachments() {
        return attachments;
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private RuleSet rules;
        private String accountId;
        private String region;
        private Partition partition;
        private String policyName;
        private String path;
        private String description = DEFAULT_DESCRIPTION;
        private Map<String, String> tags = Map.of();
        private List<String> roleNames = List.of();
        private ValidationReport report;
        private AccountLocation location;
        private String registryAccountId;
        private String registryRegion;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Required. The rules runners pull through (RunsOn shape is enough). */
        public Builder rules(RuleSet value) {
            this.rules = Objects.requireNonNull(value, "rules");
            return this;
        }

        /** The rules and location of a cache created in the same app. */
        public Builder cache(EcrPullThroughCache value) {
            this.location = value.getLocation();
            return rules(value.getRunnerRules());
        }

        /** The registry's account; looked up with aws_caller_identity when not given. */
        public Builder accountId(String value) {
            this.accountId = value;
            return this;
        }

        /** The registry's region; looked up with aws_region when not given. */
        public Builder region(String value) {
            this.region = value;
            return this;
        }

        /** The partition; taken from a literal region, or looked up with aws_partition, when not given. */
        public Builder partition(Partition value) {
            this.partition = value;
            return this;
        }

        /**
         * The account of a hub registry whose cache is shared with this account (the hub's
         * {@code EcrPullThroughCache.shareWith}): the policy then names the hub's repositories. Takes precedence
         * over {@link #cache}, {@link #location} and {@link #accountId}.
         */
        public Builder registryAccountId(String value) {
            this.registryAccountId = value;
            return this;
        }

        /** The region of that hub registry; takes precedence over the cache's, the location's and {@link #region}. */
        public Builder registryRegion(String value) {
            this.registryRegion = value;
            return this;
        }

        /** A fixed policy name (default: a unique name starting with {@value #DEFAULT_NAME_PREFIX}). */
        public Builder policyName(String value) {
            this.policyName = value;
            return this;
        }

        public Builder path(String value) {
            this.path = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder tags(Map<String, String> value) {
            this.tags = Collections.unmodifiableMap(new TreeMap<>(value));
            return this;
        }

        /** Names (not ARNs) of the roles to attach the policy to. */
        public Builder roleNames(List<String> value) {
            this.roleNames = List.copyOf(value);
            return this;
        }

        /** A location shared with other constructs (see {@link AccountLocation#of}), instead of accountId/region. */
        public Builder location(AccountLocation value) {
            this.location = value;
            return this;
        }

        AccountLocation.Given given() {
            return AccountLocation.withRegistry(new AccountLocation.Given(accountId, region, partition),
                    registryAccountId, registryRegion);
        }

        private String checkedId() {
            if (rules == null) {
                throw new IllegalArgumentException("EcrPullThroughCacheAccess \"" + id + "\": rules are required");
            }
            report = rules.validate(ValidationMode.EXISTING);
            if (!report.isValid()) {
                throw new InvalidRuleSetException(report);
            }
            AccountLocation.checkRegistry(new AccountLocation.Given(accountId, region, partition), registryAccountId,
                    registryRegion);
            AccountLocation.check(given(), true);
            checkRoleNames(roleNames);
            return id;
        }

        /** Literal role names must be names (tokens are only known at plan time). */
        static void checkRoleNames(List<String> roleNames) {
            List<String> problems = RoleNames.problems(
                    roleNames.stream().filter(n -> n == null || !Token.isUnresolved(n)).toList());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("\n", problems));
            }
            if (roleNames.stream().map(n -> n.trim()).distinct().count() != roleNames.size()) {
                throw new IllegalArgumentException("role_names " + roleNames + ": each role once.");
            }
        }

        public EcrPullThroughCacheAccess build() {
            return new EcrPullThroughCacheAccess(this);
        }
    }
}
