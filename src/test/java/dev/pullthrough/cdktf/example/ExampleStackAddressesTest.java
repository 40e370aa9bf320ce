package dev.pullthrough.cdktf.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullthrough.testing.cdktf.Synth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Terraform addresses of the example stack, pinned. cdktf derives them from construct paths; a change here would
 * make every existing user's next apply destroy and re-create their rules, templates and policy.
 */
class ExampleStackAddressesTest {

    @Test
    void synth_exampleStack_addressesAreStable() {
        JsonNode json = Synth.stack(new ExampleStack(Synth.app(), ExampleApp.STACK_NAME, ExampleStack.Settings.example()));
        List<String> addresses = new ArrayList<>();
        json.path("resource").fields().forEachRemaining(type -> type.getValue().fieldNames()
                .forEachRemaining(name -> addresses.add(type.getKey() + "." + name)));
        assertThat(addresses).containsExactlyInAnyOrder(
                "aws_ecr_pull_through_cache_rule.cache_rule-docker_hub_54A4B852",
                "aws_ecr_pull_through_cache_rule.cache_rule-ecr_public_2B3356E4",
                "aws_ecr_pull_through_cache_rule.cache_rule-github_20FB05F5",
                "aws_ecr_repository_creation_template.cache_template-docker_hub_FA988C53",
                "aws_ecr_repository_creation_template.cache_template-ecr_public_F40EF59E",
                "aws_ecr_repository_creation_template.cache_template-github_2CA20261",
                "aws_iam_policy.runners_access_policy_04CD656C",
                "aws_iam_role_policy_attachment.runners_access_role-runner-instance-role_B8C6540E");
    }
}
