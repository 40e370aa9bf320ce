package dev.pullthrough.cdktf;

import dev.pullthrough.json.Json;
import dev.pullthrough.model.InvalidRuleSetException;
import dev.pullthrough.model.Partition;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.RunnerEnvironment;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * The runner-fleet side (RunsOn's {@code ecr-pull-through} extra): takes {@code ecr_pull_through_cache_rules} in
 * RunsOn's shape, validates them as references to existing rules, and gives the runner environment
 * ({@code RUNS_ON_ECR_PULL_THROUGH_CACHE...}) and the EcrPullThroughCacheAccess policy for the runner roles.
 * It never creates rules: runners use rules, they do not make them.
 */
public class RunnerFleetPullThrough extends Construct {
    /** The RunsOn runner extra that logs runners into ECR and sets the variables (runs-on label or Fleet extras). */
    public static final String RUNNER_EXTRA = "ecr-pull-through";

    private final RuleSet rules;
    private final String registryHost;
    private final Map<String, String> runnerEnvironment;
    private final EcrPullThroughCacheAccess access;

    protected RunnerFleetPullThrough(Builder b) {
        super(b.scope, b.checkedId());
        this.rules = b.rules;
        AccountLocation location = b.location != null ? b.location.withRegistry(b.registryAccountId, b.registryRegion)
                : AccountLocation.resolve(this, b.given(), true, true);
        this.registryHost = location.registryHost();
        this.runnerEnvironment = Collections.unmodifiableMap(RunnerEnvironment.of(rules, registryHost));
        this.access = EcrPullThroughCacheAccess.Builder.create(this, "access")
                .rules(rules)
                .location(location)
                .policyName(b.policyName)
                .roleNames(b.roleNames)
                .build();
    }

    /** The rules in RunsOn's shape (no credentials). */
    public RuleSet getRules() {
        return rules;
    }

    /** The rules as the map value of an {@code ecr_pull_through_cache_rules} output or variable. */
    public Map<String, Map<String, String>> getRulesValue() {
        return RunnerRules.toTerraformValue(rules);
    }

    /** The rules as JSON, the file {@code pullthrough hook start --rules} reads: write it on the runner (user-data). */
    public String getHookRulesJson() {
        return Json.compact(getRulesValue());
    }

    public String getRegistryHost() {
        return registryHost;
    }

    /** The variables runner jobs see; empty when there are no rules. Values may be tokens. */
    public Map<String, String> getRunnerEnvironment() {
        return runnerEnvironment;
    }

    /** The runner extras to enable: {@value #RUNNER_EXTRA}, or none when there are no rules. */
    public List<String> getRunnerExtras() {
        return rules.isEmpty() ? List.of() : List.of(RUNNER_EXTRA);
    }

    /** Whether a Docker Hub rule makes the transparent daemon mirror possible. */
    public boolean isDockerHubMirror() {
        return rules.dockerHubRule().isPresent();
    }

    public EcrPullThroughCacheAccess getAccess() {
        return access;
    }

    public String getPolicyJson() {
        return access.getPolicyJson();
    }

    public String getPolicyArn() {
        return access.getPolicyArn();
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private RuleSet rules;
        private AccountLocation location;
        private String accountId;
        private String region;
        private Partition partition;
        private String policyName;
        private List<String> roleNames = List.of();
        private String registryAccountId;
        private String registryRegion;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Required (or {@link #cache}). The {@code ecr_pull_through_cache_rules}: prefix, upstream URL, upstream prefix. */
        public Builder rules(RuleSet value) {
            this.rules = RunnerRules.of(Objects.requireNonNull(value, "rules"));
            return this;
        }

        /** The rules and location of a cache created in the same app: account and region are stated once. */
        public Builder cache(EcrPullThroughCache value) {
            this.location = value.getLocation();
            return rules(value.getRunnerRules());
        }

        /** A location shared with other constructs (see {@link AccountLocation#of}), instead of accountId/region. */
        public Builder location(AccountLocation value) {
            this.location = Objects.requireNonNull(value, "location");
            return this;
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
         * {@code EcrPullThroughCache.shareWith}): the runners pull from the hub's host, and the policy names the hub's
         * repositories. Takes precedence over {@link #cache}, {@link #location} and {@link #accountId}.
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

        /** A fixed name for the runner policy (default: a unique name). */
        public Builder policyName(String value) {
            this.policyName = value;
            return this;
        }

        /** Names of the runner roles to attach the policy to. */
        public Builder roleNames(List<String> value) {
            this.roleNames = List.copyOf(value);
            return this;
        }

        AccountLocation.Given given() {
            return AccountLocation.withRegistry(new AccountLocation.Given(accountId, region, partition),
                    registryAccountId, registryRegion);
        }

        private String checkedId() {
            if (rules == null) {
                throw new IllegalArgumentException("RunnerFleetPullThrough \"" + id + "\": rules are required");
            }
            ValidationReport report = rules.validate(ValidationMode.EXISTING);
            if (!report.isValid()) {
                throw new InvalidRuleSetException(report);
            }
            AccountLocation.checkRegistry(new AccountLocation.Given(accountId, region, partition), registryAccountId,
                    registryRegion);
            AccountLocation.check(given(), true);
            EcrPullThroughCacheAccess.Builder.checkRoleNames(roleNames);
            return id;
        }

        public RunnerFleetPullThrough build() {
            return new RunnerFleetPullThrough(this);
        }
    }
}
