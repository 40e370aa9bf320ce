package dev.pullthrough.bench.baseline;

import com.hashicorp.cdktf.TerraformIterator;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.TerraformVariable;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.iam_policy.IamPolicy;
import com.hashicorp.cdktf.providers.aws.iam_role_policy_attachment.IamRolePolicyAttachment;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import java.util.List;
import software.constructs.Construct;

/** Module ecr-pull-through-access: the least-privilege runner policy and optional role attachments. */
final class AccessStack extends TerraformStack {
    AccessStack(Construct scope, String id) {
        super(scope, id);
        AwsProvider.Builder.create(this, "aws").build();
        Location location = Location.declare(this);
        TerraformVariable.Builder.create(this, "ecr_pull_through_cache_rules")
                .type("map(object({ecr_repository_prefix = string, upstream_registry_url = string, "
                        + "upstream_repository_prefix = optional(string)}))")
                .description("The rules runners pull through (RunsOn's shape).").build();
        TerraformVariable roles = TerraformVariable.Builder.create(this, "role_names").type("set(string)")
                .defaultValue(List.of()).description("Roles to attach the policy to.").build();
        TerraformVariable.Builder.create(this, "policy_name").type("string")
                .defaultValue("EcrPullThroughCacheAccess").description("Name of the IAM policy.").build();
        PolicyStatements.declare(this, location);
        IamPolicy policy = IamPolicy.Builder.create(this, "access")
                .name("${var.policy_name}")
                .description("Pull images through the ECR pull-through cache")
                .policy("${data.aws_iam_policy_document.runner.json}")
                .build();
        IamRolePolicyAttachment.Builder.create(this, "attach")
                .forEach(TerraformIterator.fromList(roles.getListValue()))
                .role("${each.value}")
                .policyArn(policy.getArn())
                .build();
        TerraformOutput.Builder.create(this, "policy_json").value("${data.aws_iam_policy_document.runner.json}").build();
        TerraformOutput.Builder.create(this, "policy_arn").value(policy.getArn()).build();
    }

    /** The three statements of the runner policy, on the repository ARNs of the rules (or all, with a ROOT rule). */
    static final class PolicyStatements {
        private PolicyStatements() {
        }

        static DataAwsIamPolicyDocument declare(Construct scope, Location location) {
            String arnBase = "arn:" + location.partition + ":ecr:" + location.region + ":" + location.accountId
                    + ":repository/";
            String resources = "${contains([for r in values(var.ecr_pull_through_cache_rules) : r.ecr_repository_prefix], \"ROOT\")"
                    + " ? [\"" + arnBase + "*\"] : sort([for r in values(var.ecr_pull_through_cache_rules) : \""
                    + arnBase + "${r.ecr_repository_prefix}/*\"])}";
            DataAwsIamPolicyDocument document = DataAwsIamPolicyDocument.Builder.create(scope, "runner")
                    .statement(List.of(
                            DataAwsIamPolicyDocumentStatement.builder().sid("EcrAuthorizationToken")
                                    .actions(List.of("ecr:GetAuthorizationToken")).resources(List.of("*")).build(),
                            DataAwsIamPolicyDocumentStatement.builder().sid("PullThroughCachePull")
                                    .actions(List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
                                            "ecr:GetDownloadUrlForLayer"))
                                    .resources(List.of("PLACEHOLDER")).build(),
                            DataAwsIamPolicyDocumentStatement.builder().sid("PullThroughCacheImport")
                                    .actions(List.of("ecr:BatchImportUpstreamImage", "ecr:CreateRepository"))
                                    .resources(List.of("PLACEHOLDER")).build()))
                    .build();
            // A list-valued expression cannot be typed as List<String>: override the resources lists.
            document.addOverride("statement.1.resources", resources);
            document.addOverride("statement.2.resources", resources);
            return document;
        }
    }
}
