package dev.pullthrough.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PullthroughCliTest {
    @ParameterizedTest
    @ValueSource(strings = {"synth", "validate", "policy", "mirror-ref", "hook"})
    void help_everyCommand_printsUsageAndExitsZero(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage:").contains(command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "status"})
    void help_hookSubcommands_printUsage(String sub) {
        CliRun run = CliRun.of("hook", sub, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage:").contains(sub);
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobnicate", "--no-such-flag"})
    void unknownInput_isAUsageErrorWithExitTwo(String arg) {
        CliRun run = CliRun.of(arg);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isNotEmpty();
    }

    @Test
    void help_commandList_showsEachDescriptionAsAWholeSentence() {
        CliRun run = CliRun.of("--help");

        assertThat(run.out().lines().filter(l -> l.trim().startsWith("mirror-ref")))
                .singleElement().asString().endsWith("Prints the reference that pulls IMAGE through the cache.");
    }
}
