package dev.pullthrough.parity;

import dev.pullthrough.model.ShareWith;
import dev.pullthrough.module.RuleCase;
import dev.pullthrough.module.RuleCases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The inputs of the three-face parity table: every case issue 10 names (role ARN as role name, region "us-east",
 * expiry bounds, tag mutability strings, credentials in aws-cn and aws-us-gov, a custom role ARN over 2,048
 * characters, a credential in another region or account, the prefix pattern, cache settings), the places where
 * Terraform's AWS provider is stricter than the ECR API (docs/DOMAIN.md, "Where the provider is stricter"), and
 * every invalid rule case of {@link RuleCases}.
 */
final class ParityCases {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    private static final String SECRET_NAME = ":secret:ecr-pullthroughcache/docker-hub-AbCdEf";
    private static final String UPSTREAM_ECR = "210987654321.dkr.ecr.eu-west-1.amazonaws.com";
    private static final String ORGANIZATION = "o-a1b2c3d4e5";
    private static final String SPOKE = "210987654321";

    private ParityCases() {
    }

    static List<ParityCase> all() {
        List<ParityCase> cases = new ArrayList<>();
        // Valid inputs: every face must accept them.
        cases.add(rules("every_upstream_valid", "every kind of upstream and field", RuleCases.validCreate().rules(), true));
        cases.add(at("credential_in_aws_cn", "a China registry with its own credential", "cn-north-1", null,
                dockerHub("arn:aws-cn:secretsmanager:cn-north-1:" + ACCOUNT + SECRET_NAME), true));
        cases.add(rules("custom_role_in_aws_cn", "a role ARN of another partition is still a role ARN",
                ecrToEcr("arn:aws-cn:iam::" + ACCOUNT + ":role/ecr-upstream"), true));
        cases.add(rules("custom_role_2048_chars", "the longest role ARN AWS takes", ecrToEcr(roleArnOfLength(2048)), true));
        cases.add(settings("cache_settings_valid", "every cache setting at its bounds", Map.of(
                "expire_after_days", 3650, "untagged_expire_after_days", 1, "image_tag_mutability", "IMMUTABLE",
                "repository_template_role_arn", "arn:aws:iam::" + ACCOUNT + ":role/ecr-template",
                "kms_key_arn", "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "repository_tags", Map.of("team", "platform")), true));
        Map<String, Object> forever = new LinkedHashMap<>();
        forever.put("expire_after_days", null);
        cases.add(settings("cache_kept_forever", "no expiry at all", forever, true));
        cases.add(roles("role_names_valid", "role names with every allowed character", List.of("ci-runner", "build+x=y,z.w@v_u"), true));
        cases.add(rules("long_rule_key", "a rule key that makes the template description longer than the provider's 255",
                Map.of("k".repeat(250), quay("quay")), true));

        // Location: account, region, partition, as each face takes them.
        cases.add(at("region_us_east", "a region without its number", "us-east", null, ecrPublic(), false));
        cases.add(at("region_govcloud", "GovCloud's ECR documents pull-through cache rules", "us-gov-west-1", null, k8s(), true));
        cases.add(at("partition_govcloud", "GovCloud's ECR documents pull-through cache rules", "us-gov-west-1", "aws-us-gov",
                k8s(), true));
        cases.add(at("credential_in_aws_us_gov_for_gov_registry", "a GovCloud registry with its own credential",
                "us-gov-west-1", "aws-us-gov", dockerHub("arn:aws-us-gov:secretsmanager:us-gov-west-1:" + ACCOUNT + SECRET_NAME),
                true));
        cases.add(at("region_govcloud_in_aws", "a GovCloud region in the commercial partition", "us-gov-west-1", "aws",
                ecrPublic(), false));
        cases.add(at("region_isolated_partition", "an aws-iso region: hosts and ARNs Pullthrough cannot build", "us-iso-east-1",
                null, ecrPublic(), false));
        cases.add(rules("ecr_upstream_isolated_partition", "an ECR upstream in an aws-iso region",
                ecrUpstream("210987654321.dkr.ecr.us-iso-east-1.amazonaws.com", "aws"), false));
        cases.add(at("partition_unknown", "a partition that does not exist", null, "aws-moon", ecrPublic(), false));
        cases.add(at("region_not_in_partition", "a China region in the commercial partition", "cn-north-1", "aws", ecrPublic(), false));
        // ECR-to-ECR stays within one partition; a China ECR registry's host ends in amazonaws.com.cn.
        cases.add(rules("ecr_upstream_in_govcloud", "a GovCloud ECR upstream for a commercial registry",
                ecrUpstream("210987654321.dkr.ecr.us-gov-west-1.amazonaws.com", "aws"), false));
        cases.add(at("ecr_upstream_commercial_for_govcloud", "a commercial ECR upstream for a GovCloud registry",
                "us-gov-west-1", "aws-us-gov", ecrUpstream(UPSTREAM_ECR, "aws-us-gov"), false));
        cases.add(at("ecr_upstream_govcloud_in_govcloud", "ECR-to-ECR inside GovCloud", "us-gov-west-1", "aws-us-gov",
                ecrUpstream("210987654321.dkr.ecr.us-gov-east-1.amazonaws.com", "aws-us-gov"), true));
        cases.add(at("ecr_upstream_china_in_china", "ECR-to-ECR inside China, hosts under amazonaws.com.cn",
                "cn-north-1", null, ecrUpstream("210987654321.dkr.ecr.cn-northwest-1.amazonaws.com.cn", "aws-cn"), true));
        cases.add(at("ecr_upstream_china_host_without_cn", "a China region under amazonaws.com is no registry host",
                "cn-north-1", null, ecrUpstream("210987654321.dkr.ecr.cn-northwest-1.amazonaws.com", "aws-cn"), false));
        cases.add(rules("ecr_upstream_commercial_host_with_cn", "a commercial region under amazonaws.com.cn",
                ecrUpstream("210987654321.dkr.ecr.eu-west-1.amazonaws.com.cn", "aws"), false));
        cases.add(located("account_11_digits", "one digit short", Map.of("account_id", "12345678901", "region", REGION),
                ecrPublic(), false));

        // Credentials: partition, location, and the provider's stricter ARN parts.
        cases.add(rules("credential_in_other_region", "AWS requires the rule's own region",
                dockerHub("arn:aws:secretsmanager:eu-central-1:" + ACCOUNT + SECRET_NAME), false));
        cases.add(rules("credential_in_other_account", "AWS requires the rule's own account",
                dockerHub("arn:aws:secretsmanager:eu-west-1:210987654321" + SECRET_NAME), false));
        cases.add(rules("credential_in_aws_cn_for_eu_registry", "an aws-cn secret for a commercial registry",
                dockerHub("arn:aws-cn:secretsmanager:cn-north-1:" + ACCOUNT + SECRET_NAME), false));
        cases.add(rules("credential_in_aws_us_gov", "a GovCloud secret for a commercial registry",
                dockerHub("arn:aws-us-gov:secretsmanager:us-gov-west-1:" + ACCOUNT + SECRET_NAME), false));
        cases.add(rules("credential_region_upper_case", "the ECR API pattern takes it, the provider does not",
                dockerHub("arn:aws:secretsmanager:EU-WEST-1:" + ACCOUNT + SECRET_NAME), false));
        cases.add(rules("credential_account_short", "the ECR API pattern takes it, the provider does not",
                dockerHub("arn:aws:secretsmanager:eu-west-1:12345678901" + SECRET_NAME), false));
        cases.add(rules("custom_role_2049_chars", "over the ECR API's 2,048", ecrToEcr(roleArnOfLength(2049)), false));

        // Prefixes: AWS takes doubled separators, the provider's pattern does not.
        cases.add(rules("prefix_double_hyphen", "AWS takes it, the provider does not",
                Map.of("cache", quay("docker--hub")), false));
        cases.add(rules("prefix_double_underscore", "AWS takes it, the provider does not",
                Map.of("cache", quay("team__quay")), false));

        // Cache settings.
        cases.add(settings("expire_zero_days", "below the lower bound", Map.of("expire_after_days", 0), false));
        cases.add(settings("expire_3651_days", "above the upper bound", Map.of("expire_after_days", 3651), false));
        cases.add(settings("untagged_expire_zero_days", "below the lower bound", Map.of("untagged_expire_after_days", 0), false));
        cases.add(settings("tag_mutability_lower_case", "AWS does not fold case", Map.of("image_tag_mutability", "immutable"), false));
        cases.add(settings("tag_mutability_with_exclusion", "exclusion filters are not an input here",
                Map.of("image_tag_mutability", "IMMUTABLE_WITH_EXCLUSION"), false));
        cases.add(settings("kms_without_template_role", "ECR needs a role to encrypt",
                Map.of("kms_key_arn", "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"), false));
        cases.add(settings("template_role_not_an_arn", "a role name where an ARN belongs",
                Map.of("repository_template_role_arn", "ecr-template"), false));

        // Runner access.
        cases.add(roles("role_arn_as_role_name", "an ARN where a name belongs",
                List.of("arn:aws:iam::" + ACCOUNT + ":role/ci-runner"), false));
        cases.add(roles("role_name_blank", "a blank role name", List.of(" "), false));

        // Sharing one cache (issue 13): share_with on the cache; on the runner side, a hub registry's location.
        cases.add(settings("share_with_valid", "an organization, an OU and an account",
                Map.of("share_with", shareWith(List.of(ORGANIZATION), List.of(ORGANIZATION + "/r-ab12/ou-ab12-11111111/*"),
                        List.of(SPOKE))), true));
        cases.add(settings("share_with_bad_entries", "one bad entry in each list", Map.of("share_with",
                shareWith(List.of("o-short"), List.of("ou-ab12-11111111"), List.of("12345"))), false));
        cases.add(new ParityCase("share_with_root_rule", "a shared ROOT rule would share every repository of the hub",
                Map.of("everything", Map.of("ecr_repository_prefix", "ROOT", "upstream_registry_url", "public.ecr.aws")),
                defaultLocation(), Map.of("share_with", shareWith(List.of(), List.of(), List.of(SPOKE))), null, false));
        cases.add(settings("share_with_without_templates", "spokes could fill the cache but never pull", Map.of(
                "share_with", shareWith(List.of(ORGANIZATION), List.of(), List.of()), "create_repository_templates", false), false));
        String accounts = ShareWith.Field.ACCOUNT_IDS.inputName();
        cases.add(shareWithShape("share_with_misspelt_name", "account_id for account_ids: dropped by an object type",
                Map.of("account_id", List.of(SPOKE)), ShareWith.unknownField("account_id")));
        cases.add(shareWithShape("share_with_list_as_string", "one account id without the list brackets",
                Map.of(accounts, SPOKE), ShareWith.notAList(accounts, "string")));
        cases.add(shareWithShape("share_with_number_entry", "an account id as a number",
                Map.of(accounts, List.of(Long.parseLong(SPOKE))), ShareWith.notAString(accounts, "0", "number")));
        cases.add(hub("registry_hub_valid", "a hub registry in another account and region", SPOKE, "us-east-2", true));
        cases.add(hub("registry_account_id_short", "a hub account id of five digits", "12345", null, false));
        cases.add(hub("registry_region_without_number", "a hub region without its number", null, "us-east", false));
        Map<String, String> govSpoke = new LinkedHashMap<>();
        govSpoke.put("account_id", ACCOUNT);
        govSpoke.put("region", "us-gov-east-1");
        govSpoke.put(ParityCase.REGISTRY_ACCOUNT_ID, SPOKE);
        govSpoke.put(ParityCase.REGISTRY_REGION, "us-gov-west-1");
        cases.add(new ParityCase("registry_region_govcloud", "a GovCloud spoke using a GovCloud hub (docs/DOMAIN.md, \"Partitions\")",
                ecrPublic(), govSpoke, Map.of(), List.of(), true));

        cases.add(hubIn("registry_region_other_partition", "a China hub for commercial runners: no policy crosses partitions",
                REGION, "aws", "cn-north-1", false));
        cases.add(hubIn("registry_region_same_partition_cn", "a China spoke using a hub in the other China region",
                "cn-north-1", "aws-cn", "cn-northwest-1", true));

        // Every invalid rule case the generated terraform tests use.
        for (RuleCase rc : RuleCases.invalid()) {
            cases.add(rules("rules_" + rc.name().toLowerCase(Locale.ROOT), rc.about(), rc.rules(), false));
        }
        return cases;
    }

    private static ParityCase rules(String name, String about, Map<String, Map<String, String>> rules, boolean accepted) {
        return new ParityCase(name, about, rules, defaultLocation(), Map.of(), null, accepted);
    }

    private static ParityCase at(String name, String about, String region, String partition,
            Map<String, Map<String, String>> rules, boolean accepted) {
        Map<String, String> location = new LinkedHashMap<>();
        location.put("account_id", ACCOUNT);
        location.put("region", region);
        location.put("partition", partition);
        return new ParityCase(name, about, rules, location, Map.of(), null, accepted);
    }

    private static ParityCase located(String name, String about, Map<String, String> location,
            Map<String, Map<String, String>> rules, boolean accepted) {
        return new ParityCase(name, about, rules, location, Map.of(), null, accepted);
    }

    private static ParityCase settings(String name, String about, Map<String, Object> settings, boolean accepted) {
        return new ParityCase(name, about, ecrPublic(), defaultLocation(), settings, null, accepted);
    }

    private static ParityCase roles(String name, String about, List<String> roleNames, boolean accepted) {
        return new ParityCase(name, about, ecrPublic(), defaultLocation(), Map.of(), roleNames, accepted);
    }

    /** The runner access (no role names) pointed at a hub registry; null parts are not given. */
    private static ParityCase hub(String name, String about, String registryAccountId, String registryRegion,
            boolean accepted) {
        Map<String, String> location = new LinkedHashMap<>(defaultLocation());
        location.put(ParityCase.REGISTRY_ACCOUNT_ID, registryAccountId);
        location.put(ParityCase.REGISTRY_REGION, registryRegion);
        return new ParityCase(name, about, ecrPublic(), location, Map.of(), List.of(), accepted);
    }

    /** The runner access in {@code region} and {@code partition} pointed at a hub registry in {@code registryRegion}. */
    private static ParityCase hubIn(String name, String about, String region, String partition, String registryRegion,
            boolean accepted) {
        Map<String, String> location = new LinkedHashMap<>();
        location.put("account_id", ACCOUNT);
        location.put("region", region);
        location.put("partition", partition);
        location.put(ParityCase.REGISTRY_ACCOUNT_ID, SPOKE);
        location.put(ParityCase.REGISTRY_REGION, registryRegion);
        return new ParityCase(name, about, ecrPublic(), location, Map.of(), List.of(), accepted);
    }

    /** A share_with only the module can get wrong this way (the constructs take three typed lists). */
    private static ParityCase shareWithShape(String name, String about, Map<String, Object> shareWith, String message) {
        return new ParityCase(name, about, ecrPublic(), defaultLocation(), Map.of("share_with", shareWith), null, false,
                List.of(message));
    }

    private static Map<String, List<String>> shareWith(List<String> organizations, List<String> paths,
            List<String> accounts) {
        return Map.of("organization_ids", organizations, "organizational_unit_paths", paths, "account_ids", accounts);
    }

    private static Map<String, String> defaultLocation() {
        return Map.of("account_id", ACCOUNT, "region", REGION);
    }

    private static Map<String, Map<String, String>> ecrPublic() {
        return Map.of("ecr_public", Map.of("ecr_repository_prefix", "ecr-public", "upstream_registry_url", "public.ecr.aws"));
    }

    private static Map<String, Map<String, String>> k8s() {
        return Map.of("k8s", Map.of("ecr_repository_prefix", "k8s", "upstream_registry_url", "registry.k8s.io"));
    }

    private static Map<String, String> quay(String prefix) {
        return Map.of("ecr_repository_prefix", prefix, "upstream_registry_url", "quay.io");
    }

    private static Map<String, Map<String, String>> dockerHub(String credentialArn) {
        return Map.of("docker_hub", Map.of("ecr_repository_prefix", "docker-hub",
                "upstream_registry_url", "registry-1.docker.io", "credential_arn", credentialArn));
    }

    private static Map<String, Map<String, String>> ecrToEcr(String roleArn) {
        return Map.of("platform", Map.of("ecr_repository_prefix", "platform", "upstream_registry_url", UPSTREAM_ECR,
                "custom_role_arn", roleArn));
    }

    /** An ECR-to-ECR rule from {@code host}, with a role of {@code partition} (the upstream is another account). */
    private static Map<String, Map<String, String>> ecrUpstream(String host, String partition) {
        return Map.of("platform", Map.of("ecr_repository_prefix", "platform", "upstream_registry_url", host,
                "custom_role_arn", "arn:" + partition + ":iam::" + ACCOUNT + ":role/ecr-upstream"));
    }

    /** {@code arn:aws:iam::<account>:role/aaa...} of exactly {@code length} characters. */
    static String roleArnOfLength(int length) {
        String head = "arn:aws:iam::" + ACCOUNT + ":role/";
        return head + "a".repeat(length - head.length());
    }
}
