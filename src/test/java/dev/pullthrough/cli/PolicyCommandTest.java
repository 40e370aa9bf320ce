package dev.pullthrough.cli;

import static dev.pullthrough.cli.CliRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.model.RegistryCoordinates;
import org.junit.jupiter.api.Test;

class PolicyCommandTest {
    @Test
    void policy_namedPrefixes_printsScopedPolicy() throws Exception {
        CliRun run = CliRun.of("policy", fixture("valid-docker-hub.json"), "--account-id", "123456789012",
                "--region", "eu-west-1");

        assertThat(run.exitCode()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("Statement").get(1).get("Resource").toString())
                .contains("arn:aws:ecr:eu-west-1:123456789012:repository/docker-hub/*")
                .contains("repository/ghcr/*").contains("repository/ecr-public/*");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void policy_rootRule_warnsOnStderr() {
        CliRun run = CliRun.of("policy", fixture("runs-on-root.json"), "--account-id", "123456789012",
                "--region", "us-east-1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("repository/*");
        assertThat(run.err()).startsWith("warning: rule \"docker_hub\"");
    }

    @Test
    void policy_govCloudPartition_namesAwsUsGovRepositories() {
        CliRun run = CliRun.of("policy", fixture("valid-docker-hub.json"), "--account-id", "123456789012",
                "--region", "us-gov-west-1", "--partition", "aws-us-gov");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/docker-hub/*");
    }

    @Test
    void policy_missingAccount_isAUsageError() {
        CliRun run = CliRun.of("policy", fixture("valid-docker-hub.json"), "--region", "us-east-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--account-id");
    }

    @Test
    void policy_hubRegistry_namesTheHubsRepositoriesInItsRegion() throws Exception {
        CliRun run = CliRun.of("policy", fixture("valid-docker-hub.json"), "--account-id", "222222222222",
                "--region", "us-east-1", "--registry-account-id", "111111111111", "--registry-region", "eu-west-1");

        assertThat(run.exitCode()).isZero();
        String resources = new ObjectMapper().readTree(run.out()).get("Statement").get(1).get("Resource").toString();
        assertThat(resources).contains("arn:aws:ecr:eu-west-1:111111111111:repository/docker-hub/*")
                .doesNotContain("222222222222").doesNotContain("us-east-1");
    }

    @Test
    void policy_hubRegistryAlone_needsNoOwnAccount() {
        CliRun run = CliRun.of("policy", fixture("valid-docker-hub.json"), "--registry-account-id", "111111111111",
                "--registry-region", "eu-west-1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("arn:aws:ecr:eu-west-1:111111111111:repository/docker-hub/*");
    }

    @Test
    void policy_badHubAccount_namesTheValue() {
        CliRun run = CliRun.of("policy", fixture("valid-docker-hub.json"), "--region", "us-east-1",
                "--registry-account-id", "1111");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("registry_account_id \"1111\": an AWS account id is exactly 12 digits.");
    }

    @Test
    void policy_badHubRegion_namesTheInputAsTheModulesDo() {
        CliRun run = CliRun.of("policy", fixture("valid-docker-hub.json"), "--registry-account-id", "111111111111",
                "--registry-region", "eu-west1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("registry_region \"eu-west1\": " + RegistryCoordinates.REGION_PROBLEM + ".");
    }

    @Test
    void policy_hubInAnotherPartitionThanRegion_isRefusedWithTheModulesMessage() {
        CliRun run = CliRun.of("policy", fixture("valid-docker-hub.json"), "--region", "us-east-1",
                "--registry-account-id", "111111111111", "--registry-region", "cn-north-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("registry_region \"cn-north-1\": "
                + RegistryCoordinates.hubInOtherPartition("aws-cn", "aws") + ".");
    }
}
