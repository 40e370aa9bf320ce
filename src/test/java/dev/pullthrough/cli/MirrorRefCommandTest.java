package dev.pullthrough.cli;

import static dev.pullthrough.cli.CliRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MirrorRefCommandTest {
    static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

    @Test
    void mirrorRef_dockerHubShortName_getsPrefixAndLibrary() {
        CliRun run = CliRun.of("mirror-ref", "node:22", "--registry", HOST, "--rules", fixture("valid-docker-hub.json"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().trim()).isEqualTo(HOST + "/docker-hub/library/node:22");
    }

    @Test
    void mirrorRef_uncachedRegistry_exitsOne() {
        CliRun run = CliRun.of("mirror-ref", "quay.io/coreos/etcd", "--registry", HOST, "--rules",
                fixture("valid-docker-hub.json"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("quay.io");
    }

    @Test
    void mirrorRef_invalidImage_exitsTwo() {
        CliRun run = CliRun.of("mirror-ref", "Node:22", "--registry", HOST, "--rules", fixture("valid-docker-hub.json"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("repository");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not a host | not an ECR registry host; expected <12-digit account id>.dkr.ecr.<region>.amazonaws.com",
        "https://example.com/x | give the registry host only, without scheme or path",
        "example.com | not an ECR registry host",
    })
    void mirrorRef_badRegistry_exitsTwoNamingTheFlag(String registry, String message) {
        CliRun run = CliRun.of("mirror-ref", "node:22", "--registry", registry, "--rules", fixture("valid-docker-hub.json"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--registry \"" + registry + "\": " + message);
    }

    @Test
    void mirrorRef_twoTags_namesTheRealProblem() {
        CliRun run = CliRun.of("mirror-ref", "node:22:23", "--registry", HOST, "--rules", fixture("valid-docker-hub.json"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has more than one \":\"").doesNotContain("must be lowercase");
    }

    @Test
    void mirrorRef_rulesFromStandardInput() throws java.io.IOException {
        byte[] rules = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(fixture("valid-docker-hub.json")));

        CliRun run = CliRun.withStdin(rules, "mirror-ref", "node:22", "--registry", HOST, "--rules", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().trim()).isEqualTo(HOST + "/docker-hub/library/node:22");
    }
}
