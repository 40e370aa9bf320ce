package dev.pullthrough.parity;

import com.hashicorp.cdktf.TerraformStack;
import dev.pullthrough.cdktf.EcrPullThroughCache;
import dev.pullthrough.cdktf.EcrPullThroughCacheAccess;
import dev.pullthrough.cdktf.aws.AwsProvider;
import dev.pullthrough.model.InvalidCoordinatesException;
import dev.pullthrough.model.InvalidRuleSetException;
import dev.pullthrough.model.Partition;
import dev.pullthrough.model.Problem;
import dev.pullthrough.testing.cdktf.Synth;
import dev.pullthrough.model.ShareWith;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The cdktf constructs' decision: construction and synth succeed, or the construction error's messages. */
final class ConstructFace {
    private ConstructFace() {
    }

    static Decision decide(ParityCase c) {
        Partition partition;
        try {
            partition = c.partition() == null ? null : Partition.fromId(c.partition());
        } catch (InvalidCoordinatesException e) {
            return Decision.notExpressible("the Partition enum has no value \"" + c.partition() + "\"");
        }
        if (!c.modelMessages().isEmpty()) {
            return Decision.notExpressible("ShareWith takes three typed lists: a misspelt name, a non-list value or a"
                    + " non-string entry cannot be written");
        }
        TerraformStack stack = new TerraformStack(Synth.app(), "parity");
        AwsProvider.Builder.create(stack, "aws").region("us-east-1").build();
        try {
            if (c.aboutRunnerAccess()) {
                EcrPullThroughCacheAccess.Builder.create(stack, "access").rules(c.ruleSet()).roleNames(c.roleNames())
                        .accountId(c.accountId()).region(c.region()).partition(partition)
                        .registryAccountId(c.registryAccountId()).registryRegion(c.registryRegion()).build();
            } else {
                EcrPullThroughCache.Builder cache = EcrPullThroughCache.Builder.create(stack, "cache")
                        .rules(c.ruleSet()).accountId(c.accountId()).region(c.region()).partition(partition);
                applySettings(cache, c.settings());
                cache.build();
            }
        } catch (InvalidRuleSetException e) {
            return Decision.refused(e.report().errors().stream().map(Problem::message).toList(),
                    "InvalidRuleSetException");
        } catch (IllegalArgumentException e) {
            return Decision.refused(Arrays.asList(e.getMessage().split("\n")), e.getClass().getSimpleName());
        }
        Synth.stack(stack);
        return Decision.accepted("synthesized");
    }

    @SuppressWarnings("unchecked")
    private static void applySettings(EcrPullThroughCache.Builder cache, Map<String, Object> settings) {
        settings.forEach((name, value) -> {
            switch (name) {
                case "expire_after_days" -> {
                    if (value == null) {
                        cache.keepCachedImagesForever();
                    } else {
                        cache.expireCachedImagesAfterDays((Integer) value);
                    }
                }
                case "untagged_expire_after_days" -> cache.expireUntaggedImagesAfterDays((Integer) value);
                case "image_tag_mutability" -> cache.imageTagMutability((String) value);
                case "repository_template_role_arn" -> cache.templateCustomRoleArn((String) value);
                case "kms_key_arn" -> cache.kmsKeyArn((String) value);
                case "repository_tags" -> cache.repositoryTags((Map<String, String>) value);
                case "create_repository_templates" -> cache.creationTemplates((Boolean) value);
                case "share_with" -> {
                    Map<String, List<String>> lists = (Map<String, List<String>>) value;
                    cache.shareWith(ShareWith.of(lists.get("organization_ids"), lists.get("organizational_unit_paths"),
                            lists.get("account_ids")));
                }
                default -> throw new IllegalStateException("no construct setter mapped for " + name);
            }
        });
    }
}
