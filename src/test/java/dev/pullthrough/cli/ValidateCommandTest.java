package dev.pullthrough.cli;

import static dev.pullthrough.cli.CliRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidateCommandTest {
    @Test
    void validate_validFile_exitsZero() {
        CliRun run = CliRun.of("validate", fixture("valid-docker-hub.json"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("valid: 3 rule(s)");
    }

    @Test
    void validate_emptyMap_isValid() {
        assertThat(CliRun.of("validate", fixture("empty.json")).exitCode()).isZero();
    }

    @Test
    void validate_typos_exitsOneWithOneLinePerProblemNamingTheKey() {
        CliRun run = CliRun.of("validate", fixture("invalid-typos.json"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines().filter(l -> l.startsWith("error: ")))
                .anySatisfy(l -> assertThat(l).contains("rule \"docker_hub\"").contains("registry-1.docker.io"))
                .anySatisfy(l -> assertThat(l).contains("rule \"docker_hub\"").contains("credential_arn"))
                .anySatisfy(l -> assertThat(l).contains("rule \"quay\"").contains("2 to 30 characters"))
                .hasSize(3);
    }

    @Test
    void validate_rootRuleWithoutCredential_invalidToCreateButValidAsExisting() {
        assertThat(CliRun.of("validate", fixture("runs-on-root.json")).exitCode()).isEqualTo(1);

        CliRun existing = CliRun.of("validate", fixture("runs-on-root.json"), "--existing");
        assertThat(existing.exitCode()).isZero();
        assertThat(existing.out()).contains("warning: rule \"docker_hub\"").contains("repository/*");
    }

    @Test
    void validate_malformedJson_exitsTwoWithLineAndColumn() {
        CliRun run = CliRun.of("validate", fixture("malformed.json"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("malformed JSON at line 5, column").doesNotContain("\tat ");
    }

    @Test
    void validate_notAMap_exitsTwoShowingTheShape() {
        CliRun run = CliRun.of("validate", fixture("not-a-map.json"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected a JSON object mapping rule keys to rules");
    }

    @Test
    void validate_unknownField_exitsTwoNamingIt() {
        CliRun run = CliRun.of("validate", fixture("unknown-field.json"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown field \"upstream_registry\"");
    }

    @Test
    void validate_missingFile_exitsTwo() {
        CliRun run = CliRun.of("validate", "does-not-exist.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file");
    }

    @Test
    void validate_stacktraceFlag_printsTheTrace() {
        CliRun run = CliRun.of("--stacktrace", "validate", "does-not-exist.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("\tat dev.pullthrough.cli");
    }
}
