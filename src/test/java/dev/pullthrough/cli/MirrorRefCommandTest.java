package dev.pullthrough.cli;

import static dev.pullthrough.cli.CliRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
