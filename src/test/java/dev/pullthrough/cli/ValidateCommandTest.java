package dev.pullthrough.cli;

import static dev.pullthrough.cli.CliRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().filter(l -> l.startsWith("error: ")))
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
        assertThat(existing.err()).contains("warning: rule \"docker_hub\"").contains("repository/*");
        assertThat(existing.out()).startsWith("valid: ");
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

    private static final String RULE = "{\"ecr_public\": {\"ecr_repository_prefix\": \"ecr-public\", "
            + "\"upstream_registry_url\": \"public.ecr.aws\"}}";

    @TempDir
    Path dir;

    @Test
    void validate_dashFile_readsStandardInput() {
        CliRun run = CliRun.withStdin(RULE.getBytes(StandardCharsets.UTF_8), "validate", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("valid: 1 rule(s) in -");
    }

    @Test
    void validate_utf8ByteOrderMark_isAccepted() throws IOException {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        Path file = write("bom.json", concat(bom, RULE.getBytes(StandardCharsets.UTF_8)));

        CliRun run = CliRun.of("validate", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void validate_invalidUtf8_exitsTwoSayingItIsNotUtf8WithTheOffset() throws IOException {
        Path file = write("latin1.json", "{\"caf\u00e9\": {}}".getBytes(StandardCharsets.ISO_8859_1));

        CliRun run = CliRun.of("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not UTF-8 text (invalid byte 0xe9 at offset 5); save it as UTF-8")
                .doesNotContain("Input length");
    }

    @Test
    void validate_deepNesting_exitsTwoInPlainWords() throws IOException {
        Path file = write("deep.json", ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8));

        CliRun run = CliRun.of("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("JSON nested more than 100 levels deep; a rules file is two levels deep")
                .doesNotContain("StreamReadConstraints").doesNotContain("internal error");
    }

    @Test
    void validate_tfvarsShapedFile_exitsTwoSayingToRemoveTheWrapper() throws IOException {
        Path file = write("tfvars.json", ("{\"rules\": " + RULE + "}").getBytes(StandardCharsets.UTF_8));

        CliRun run = CliRun.of("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the rules are wrapped in \"rules\"")
                .contains("remove the outer {\"rules\": ...}").doesNotContain("unknown field");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
