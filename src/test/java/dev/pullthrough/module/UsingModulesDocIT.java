package dev.pullthrough.module;

import dev.pullthrough.testing.terraform.PlanAssert;
import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformPlan;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configurations docs/USING-MODULES.md shows really work: its first two HCL snippets (the shortest configuration,
 * then the runner wiring that builds on it) are planned as written, offline. Only the copy gets the module sources
 * re-pointed from the project root and an override file passing account/region/partition, so no AWS lookup runs.
 */
class UsingModulesDocIT {
    private static final Pattern HCL_BLOCK = Pattern.compile("(?s)```hcl\\n(.*?)```");

    static List<String> hclSnippets(Path markdown) throws IOException {
        List<String> snippets = new ArrayList<>();
        Matcher m = HCL_BLOCK.matcher(Files.readString(markdown));
        while (m.find()) {
            snippets.add(m.group(1));
        }
        return snippets;
    }

    @Test
    void shortestConfigurationThenRunnerSnippet_planAsDocumented() throws IOException {
        Path project = TerraformOptions.projectDirFromSystemProperty();
        List<String> snippets = hclSnippets(project.resolve("docs/USING-MODULES.md"));
        assertThat(snippets).as("hcl snippets in docs/USING-MODULES.md").hasSizeGreaterThanOrEqualTo(2);
        assertThat(snippets.get(0)).as("the shortest configuration comes first").contains("module \"ecr_pull_through_cache\"");
        // Written for a configuration at the project root; this copy lives two folders down.
        String main = (snippets.get(0) + "\n" + snippets.get(1)).replace("\"./modules-out/", "\"../../modules-out/");
        String coordinates = """
                module "ecr_pull_through_cache" {
                  account_id = "123456789012"
                  region     = "us-east-1"
                  partition  = "aws"
                }

                module "runner_ecr_pull_through" {
                  account_id = "123456789012"
                  region     = "us-east-1"
                  partition  = "aws"
                }
                """;
        try (TerraformWorkspace ws = TerraformWorkspace.create(TerraformOptions.builder(project, "scratch/using-modules-doc")
                .label("docs/USING-MODULES.md snippets 1+2")
                .file("main.tf", main)
                .file("zz_coordinates_override.tf", coordinates)
                .build())) {
            TerraformPlan plan = ws.initAndPlan();
            PlanAssert.assertThat(plan).hasExactlyResources(
                            "module.ecr_pull_through_cache.aws_ecr_pull_through_cache_rule.this[\"ecr_public\"]",
                            "module.ecr_pull_through_cache.aws_ecr_repository_creation_template.this[\"ecr_public\"]",
                            "module.runner_ecr_pull_through.aws_iam_policy.this[0]",
                            "module.runner_ecr_pull_through.aws_iam_role_policy_attachment.this[\"ci-runner\"]")
                    .outputEquals("runner_environment",
                            Map.of("RUNS_ON_ECR_PULL_THROUGH_CACHE", "123456789012.dkr.ecr.us-east-1.amazonaws.com"));
            assertThat(plan.resource("module.ecr_pull_through_cache.aws_ecr_repository_creation_template.this[\"ecr_public\"]")
                    .attribute("lifecycle_policy").parsedJson().at("/rules/0/selection/countNumber").asInt())
                    .as("expire_after_days default, as the doc says").isEqualTo(30);
        }
    }
}
