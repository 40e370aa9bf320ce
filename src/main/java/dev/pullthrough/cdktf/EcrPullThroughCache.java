package dev.pullthrough.cdktf;

import com.hashicorp.cdktf.Token;
import dev.pullthrough.cdktf.aws.EcrPullThroughCacheRule;
import dev.pullthrough.cdktf.aws.EcrRegistryPolicy;
import dev.pullthrough.cdktf.aws.EcrRepositoryCreationTemplate;
import dev.pullthrough.iam.ResourcePolicy;
import dev.pullthrough.iam.SharedCachePolicies;
import dev.pullthrough.model.CacheSettings;
import dev.pullthrough.model.InvalidRuleSetException;
import dev.pullthrough.model.Partition;
import dev.pullthrough.model.PullThroughRule;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ShareWith;
import dev.pullthrough.model.TagMutability;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * The admin side of a pull-through cache: one {@code aws_ecr_pull_through_cache_rule} per rule, and a repository
 * creation template per rule prefix so that the cache repositories ECR creates get a lifecycle policy (cached images
 * expire after {@value CacheSettings#DEFAULT_EXPIRE_AFTER_DAYS} days unless configured otherwise).
 *
 * <p>The rule set is validated on construction as rules AWS would have to create; an invalid set throws
 * {@link dev.pullthrough.model.InvalidRuleSetException} listing every problem. Warnings become cdktf annotations.
 *
 * <p>With {@link Builder#shareWith} the cache serves runners in other accounts too: the construct adds the registry
 * permissions policy for their first pulls and gives each creation template the repository policy for later pulls
 * ({@link SharedCachePolicies}). The registry policy is the registry's only one in its region: nothing else may
 * manage one there (a replication policy, say), or the two overwrite each other.
 *
 * <pre>{@code
 * EcrPullThroughCache cache = EcrPullThroughCache.Builder.create(stack, "cache")
 *     .rules(RuleSet.of(PullThroughRule.builder("ecr_public")
 *         .ecrRepositoryPrefix("ecr-public").upstreamRegistryUrl("public.ecr.aws").build()))
 *     .build();
 * }</pre>
 */
public class EcrPullThroughCache extends Construct {
    /** Values of the creation template's applied_for and encryption_type the cache uses. */
    private static final String APPLIED_FOR_PULL_THROUGH_CACHE = "PULL_THROUGH_CACHE";
    private static final String KMS_ENCRYPTION = "KMS";
    private final RuleSet ruleSet;
    private final CacheSettings settings;
    private final AccountLocation location;
    private final String registryHost;
    private final Map<String, EcrPullThroughCacheRule> rules;
    private final Map<String, EcrRepositoryCreationTemplate> creationTemplates;
    private final ShareWith shareWith;
    private final EcrRegistryPolicy registryPolicy;

    protected EcrPullThroughCache(Builder b) {
        // Validate before the construct joins the tree, so a rejected rule set leaves nothing behind.
        super(b.scope, b.checkedId());
        ValidationReport report = b.report;
        this.ruleSet = b.rules;
        this.settings = b.settings;
        this.location = AccountLocation.resolve(this, b.given(), true, true);
        this.registryHost = location.registryHost();

        Map<String, EcrPullThroughCacheRule> madeRules = new LinkedHashMap<>();
        Map<String, EcrRepositoryCreationTemplate> madeTemplates = new LinkedHashMap<>();
        String lifecyclePolicy = CacheLifecyclePolicy.of(settings);
        this.shareWith = b.shareWith;
        ResourcePolicy repositoryPolicy = SharedCachePolicies.repositoryPolicy(shareWith, location.getPartition());
        for (PullThroughRule rule : b.rules.rules()) {
            String id = ConstructIds.of(rule.key());
            EcrRepositoryCreationTemplate template = !settings.createRepositoryTemplates() ? null
                    : EcrRepositoryCreationTemplate.Builder.create(this, "template-" + id)
                            .prefix(rule.prefix().canonical())
                            .appliedFor(List.of(APPLIED_FOR_PULL_THROUGH_CACHE))
                            .description(CacheSettings.templateDescription(rule.key(), rule.upstreamRegistryUrl()))
                            .imageTagMutability(settings.imageTagMutability())
                            .lifecyclePolicy(lifecyclePolicy)
                            .repositoryPolicy(repositoryPolicy.isEmpty() ? null : repositoryPolicy.toJson())
                            .customRoleArn(settings.repositoryTemplateRoleArn())
                            .encryptionConfiguration(settings.kmsKeyArn() == null ? null : List.of(
                                    EcrRepositoryCreationTemplate.EncryptionConfiguration.builder()
                                            .encryptionType(KMS_ENCRYPTION).kmsKey(settings.kmsKeyArn()).build()))
                            .resourceTags(settings.repositoryTags())
                            .build();
            if (template != null) {
                madeTemplates.put(rule.key(), template);
            }
            // The template first: a pull right after the rule exists must already create an expiring repository.
            madeRules.put(rule.key(), EcrPullThroughCacheRule.Builder.create(this, "rule-" + id)
                    .ecrRepositoryPrefix(rule.ecrRepositoryPrefix())
                    .upstreamRegistryUrl(rule.upstreamRegistryUrl())
                    .credentialArn(rule.credentialArn().orElse(null))
                    .customRoleArn(rule.customRoleArn().orElse(null))
                    .upstreamRepositoryPrefix(rule.upstreamRepositoryPrefix().orElse(null))
                    .dependsOn(template == null ? List.of() : List.of(template))
                    .build());
        }
        this.rules = Collections.unmodifiableMap(madeRules);
        this.creationTemplates = Collections.unmodifiableMap(madeTemplates);
        ResourcePolicy shared = SharedCachePolicies.registryPolicy(ruleSet, shareWith, location.arnScope());
        this.registryPolicy = shared.isEmpty() ? null : EcrRegistryPolicy.Builder.create(this, "registry-policy")
                .policy(shared.toJson())
                .build();
        Warnings.annotate(this, report.warnings());
    }

    /** Who else may pull through this cache; {@link ShareWith#nobody()} unless set. */
    public ShareWith getShareWith() {
        return shareWith;
    }

    /** The registry permissions policy that shares the cache; null when it is not shared (or has no rules). */
    public EcrRegistryPolicy getRegistryPolicy() {
        return registryPolicy;
    }

    /** Where the registry lives; runners, access and endpoint constructs given this cache use it too. */
    public AccountLocation getLocation() {
        return location;
    }

    /** The cache settings as validated (expiry, tag mutability, encryption, tags). */
    public CacheSettings getSettings() {
        return settings;
    }

    /** The registry host runners pull through: {@code <account>.dkr.ecr.<region>.amazonaws.com} (maybe a token). */
    public String getRegistryHost() {
        return registryHost;
    }

    /** The validated rule set, credentials included. */
    public RuleSet getRuleSet() {
        return ruleSet;
    }

    /** The rules in RunsOn's shape, for {@link RunnerFleetPullThrough} or another account's runner fleet. */
    public RuleSet getRunnerRules() {
        return RunnerRules.of(ruleSet);
    }

    /** {@link #getRunnerRules()} as the map value of an {@code ecr_pull_through_cache_rules} output. */
    public Map<String, Map<String, String>> getRunnerRulesValue() {
        return RunnerRules.toTerraformValue(getRunnerRules());
    }

    /** The rule resources by rule key (e.g. to depend on them). */
    public Map<String, EcrPullThroughCacheRule> getRules() {
        return rules;
    }

    /** The creation templates by rule key; empty when turned off. */
    public Map<String, EcrRepositoryCreationTemplate> getCreationTemplates() {
        return creationTemplates;
    }

    /** All resources this construct creates, for depends_on. */
    public List<Construct> getResources() {
        List<Construct> all = new ArrayList<>(rules.values());
        all.addAll(creationTemplates.values());
        if (registryPolicy != null) {
            all.add(registryPolicy);
        }
        return Collections.unmodifiableList(all);
    }

    public static final class Builder {
        private final Construct scope;
        private final String id;
        private RuleSet rules;
        private String accountId;
        private String region;
        private Partition partition;
        private CacheSettings settings = CacheSettings.defaults();
        private ShareWith shareWith = ShareWith.nobody();
        private ValidationReport report;

        private Builder(Construct scope, String id) {
            this.scope = Objects.requireNonNull(scope, "scope");
            this.id = Objects.requireNonNull(id, "id");
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Required. The rules to create (validated as AWS would: credentials required where AWS requires them). */
        public Builder rules(RuleSet value) {
            this.rules = Objects.requireNonNull(value, "rules");
            return this;
        }

        /** The account of the registry; looked up with aws_caller_identity when not given. */
        public Builder accountId(String value) {
            this.accountId = value;
            return this;
        }

        /** The region of the registry; looked up with aws_region when not given. */
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
         * Share the cache with runners in other accounts: organizations ({@code o-...}), organizational unit paths
         * ({@code o-.../r-.../ou-.../}, optionally ending in {@code *}) and account ids, any of them empty. Checked at
         * build with the same messages as the module's {@code share_with}; values that are tokens are checked by AWS.
         */
        public Builder shareWith(ShareWith value) {
            this.shareWith = Objects.requireNonNull(value, "shareWith");
            return this;
        }

        /** All cache settings at once (the other setters below change one of them). */
        public Builder settings(CacheSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Days after which cached images expire (default {@value CacheSettings#DEFAULT_EXPIRE_AFTER_DAYS}). */
        public Builder expireCachedImagesAfterDays(int days) {
            settings = settings.withExpireAfterDays(days);
            return this;
        }

        /** Expire untagged cached images sooner (off by default). */
        public Builder expireUntaggedImagesAfterDays(int days) {
            settings = settings.withUntaggedExpireAfterDays(days);
            return this;
        }

        /**
         * Keep cached images until removed by hand: no expiry for tagged images (and no lifecycle policy at all unless
         * {@link #expireUntaggedImagesAfterDays} is set).
         */
        public Builder keepCachedImagesForever() {
            settings = settings.withExpireAfterDays(null);
            return this;
        }

        /** Whether to create repository creation templates at all (default true). */
        public Builder creationTemplates(boolean value) {
            settings = settings.withCreateRepositoryTemplates(value);
            return this;
        }

        /** MUTABLE (default: a cached tag follows its upstream tag) or IMMUTABLE. */
        public Builder imageTagMutability(TagMutability value) {
            settings = settings.withImageTagMutability(Objects.requireNonNull(value, "imageTagMutability").name());
            return this;
        }

        /** As AWS spells it (MUTABLE, IMMUTABLE), e.g. from configuration; checked at build. */
        public Builder imageTagMutability(String value) {
            settings = settings.withImageTagMutability(value);
            return this;
        }

        /** Role ECR assumes to create cache repositories; needed for KMS encryption or repository tags. */
        public Builder templateCustomRoleArn(String value) {
            settings = settings.withRepositoryTemplateRoleArn(value);
            return this;
        }

        /** Encrypt cache repositories with this KMS key (needs {@link #templateCustomRoleArn}). */
        public Builder kmsKeyArn(String value) {
            settings = settings.withKmsKeyArn(value);
            return this;
        }

        /** Tags for the cache repositories ECR creates (needs {@link #templateCustomRoleArn}). */
        public Builder repositoryTags(Map<String, String> value) {
            settings = settings.withRepositoryTags(value);
            return this;
        }

        private String checkedId() {
            if (rules == null) {
                throw new IllegalArgumentException("EcrPullThroughCache \"" + id + "\": rules are required");
            }
            AccountLocation.check(given(), true);
            report = rules.validate(ValidationMode.CREATE, AccountLocation.known(given()));
            if (!report.isValid()) {
                throw new InvalidRuleSetException(report);
            }
            settings.requireValid();
            List<String> sharing = shareWith.problems(rules, settings.createRepositoryTemplates(),
                    value -> !Token.isUnresolved(value));
            if (!sharing.isEmpty()) {
                throw new IllegalArgumentException(String.join("\n", sharing));
            }
            return id;
        }

        private AccountLocation.Given given() {
            return new AccountLocation.Given(accountId, region, partition);
        }

        public EcrPullThroughCache build() {
            return new EcrPullThroughCache(this);
        }
    }
}
