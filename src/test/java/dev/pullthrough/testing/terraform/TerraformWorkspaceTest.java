package dev.pullthrough.testing.terraform;

import dev.pullthrough.testing.terraform.ScriptedRunner.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TerraformWorkspaceTest {
    @TempDir
    Path project;
    @TempDir
    Path work;
    private final ScriptedRunner runner = new ScriptedRunner();
    private final List<String> log = new ArrayList<>();
    private final List<java.time.Duration> sleeps = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin", "HOME", "/root"));

    @BeforeEach
    void layout() throws IOException {
        write("examples/ex/main.tf", "module \"m\" {\n  source = \"../../modules-out/hcl/m\"\n}\n");
        write("examples/ex/terraform.tfstate", "{}");
        write("examples/ex/.terraform/modules/modules.json", "{}");
        write("modules-out/hcl/m/main.tf", "module \"inner\" {\n  source = \"./inner\"\n}\nmodule \"sib\" {\n  source = \"../common\"\n}\n");
        write("modules-out/hcl/m/inner/main.tf", "# inner\n");
        write("modules-out/hcl/common/main.tf.json", "{\"module\":{\"deep\":{\"source\":\"../deep\"}}}");
        write("modules-out/hcl/deep/main.tf", "# deep\n");
        write("modules-out/json/m/main.tf.json", "{}");
    }

    private void write(String rel, String content) throws IOException {
        Path file = project.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private TerraformOptions.Builder options(String config) {
        return TerraformOptions.builder(project, config).terraform(Path.of("/fake/terraform")).runner(runner)
                .workRoot(work).targetDir(project.resolve("target")).environment(env).log(log::add)
                .sleeper(sleeps::add);
    }

    @Test
    void create_example_copiesItAndItsLocalModulesAtTheirProjectPaths() {
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            assertThat(ws.copiedPaths()).containsExactly("examples/ex", "modules-out/hcl/m", "modules-out/hcl/common",
                    "modules-out/hcl/deep");
            assertThat(ws.dir()).isEqualTo(ws.root().resolve("examples/ex"));
            assertThat(ws.root().resolve("modules-out/hcl/m/inner/main.tf")).exists();
            assertThat(ws.root().resolve("modules-out/json")).doesNotExist();
            assertThat(ws.dir().resolve("terraform.tfstate")).doesNotExist();
            assertThat(ws.dir().resolve(".terraform")).doesNotExist();
        }
    }

    @Test
    void create_offline_writesOverrideAndInputsIntoCopyOnly() throws IOException {
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").region("eu-west-1")
                .variable("account_id", "123456789012").build())) {
            String override = Files.readString(ws.dir().resolve(OfflineProvider.FILE_NAME));
            assertThat(override).contains("\"region\" : \"eu-west-1\"", "\"skip_credentials_validation\" : true",
                    "\"skip_requesting_account_id\" : true", "\"skip_metadata_api_check\" : true", "\"access_key\"");
            assertThat(Files.readString(ws.dir().resolve(TerraformWorkspace.VARIABLES_FILE)))
                    .contains("\"account_id\" : \"123456789012\"");
            assertThat(project.resolve("examples/ex/" + OfflineProvider.FILE_NAME)).doesNotExist();
        }
    }

    @Test
    void create_configurationWithProviderBlock_overrideKeepsItsRegion() throws IOException {
        write("examples/p/main.tf", "provider \"aws\" {\n  region = var.region\n}\n");
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/p").build())) {
            assertThat(Files.readString(ws.dir().resolve(OfflineProvider.FILE_NAME)))
                    .doesNotContain("\"region\"").contains("skip_credentials_validation");
        }
    }

    @Test
    void create_scratchParent_writtenFilesAndTheirModulesCopied() {
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("scratch/for-each")
                .file("main.tf", "module \"x\" {\n  for_each = toset([\"a\"])\n  source = \"../../modules-out/json/m\"\n}\n")
                .build())) {
            assertThat(ws.copiedPaths()).containsExactly("scratch/for-each", "modules-out/json/m");
        }
        assertThat(project.resolve("scratch")).doesNotExist();
    }

    @Test
    void create_sourceOutsideProject_rejectedAndNothingLeft() throws IOException {
        write("examples/bad/main.tf", "module \"m\" {\n  source = \"../../../elsewhere\"\n}\n");
        assertThatThrownBy(() -> TerraformWorkspace.create(options("examples/bad").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../../../elsewhere").hasMessageContaining("outside the project");
        try (var left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void run_transientError_retriedWithReasonThenSucceeds() {
        runner.on("init", Answer.failed(1, "Error: ... terraform-provider-aws: text file busy"),
                Answer.ok("Terraform has been successfully initialized!"));
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            TerraformResult result = ws.init();
            assertThat(result.succeeded()).isTrue();
            assertThat(result.retries()).hasSize(1);
            assertThat(result.retries().get(0).cause().reason()).contains("plugin cache");
            assertThat(runner.subcommands()).containsExactly("init", "init");
            assertThat(sleeps).hasSize(1);
        }
    }

    @Test
    void run_nonTransientError_failsAtOnceWithLabelAndDiagnostics() {
        runner.on("plan", Answer.failed(1, "Error: Invalid value for variable\nnot a pull-through cache upstream"));
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").label("ex, input set 'bad'").build())) {
            TerraformResult result = ws.tryPlan();
            assertThat(result.succeeded()).isFalse();
            assertThat(result.stderr()).contains("not a pull-through cache upstream");
            assertThatThrownBy(ws::plan).isInstanceOf(TerraformCommandException.class)
                    .hasMessageContaining("[ex, input set 'bad']")
                    .hasMessageContaining("terraform plan -input=false -no-color -out=tfplan")
                    .hasMessageContaining("not a pull-through cache upstream");
            assertThat(runner.subcommands()).containsExactly("plan", "plan");
            assertThat(sleeps).isEmpty();
        }
    }

    @Test
    void run_transientEveryTime_givesUpAfterMaxAttempts() {
        runner.on("validate", Answer.failed(1, "timeout while waiting for plugin to start"));
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            TerraformResult result = ws.tryValidate();
            assertThat(result.succeeded()).isFalse();
            assertThat(runner.subcommands()).containsExactly("validate", "validate", "validate");
            assertThat(result.retries()).hasSize(2);
        }
    }

    @Test
    void close_bodyFailsAfterApply_destroysDeletesCopyAndKeepsTestFailure() {
        Path[] root = new Path[1];
        assertThatThrownBy(() -> {
            try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
                root[0] = ws.root();
                ws.apply();
                throw new AssertionError("the test's own assertion failed");
            }
        }).isInstanceOf(AssertionError.class).hasMessage("the test's own assertion failed");
        assertThat(runner.subcommands()).containsExactly("apply", "destroy");
        assertThat(root[0]).doesNotExist();
    }

    @Test
    void close_applyFailedHalfWay_stillDestroys() {
        runner.on("apply", Answer.failed(1, "Error: creating IAM Policy: no such host"));
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            assertThat(ws.tryApply().succeeded()).isFalse();
        }
        assertThat(runner.subcommands()).containsExactly("apply", "destroy");
    }

    @Test
    void close_destroyFails_keepsCopyWithStateAndAddsSuppressed() {
        runner.on("destroy", Answer.failed(1, "Error: deleting thing"));
        Path[] root = new Path[1];
        Throwable thrown = null;
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            root[0] = ws.root();
            ws.apply();
            throw new AssertionError("body failed");
        } catch (AssertionError e) {
            thrown = e;
        }
        assertThat(thrown.getSuppressed()).singleElement()
                .isInstanceOf(TerraformCommandException.class)
                .satisfies(s -> assertThat(s.getMessage()).contains("Error: deleting thing"));
        assertThat(root[0]).exists();
        assertThat(log).anySatisfy(l -> assertThat(l).contains("destroy failed; state kept"));
    }

    @Test
    void close_destroyFailsAfterPassingBody_throws() {
        runner.on("destroy", Answer.failed(1, "Error: deleting thing"));
        TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build());
        ws.apply();
        assertThatThrownBy(ws::close).isInstanceOf(TerraformCommandException.class);
    }

    @Test
    void close_planOnly_noDestroyAndCopyDeleted() {
        Path root;
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            root = ws.root();
            ws.tryPlan();
        }
        assertThat(runner.subcommands()).containsExactly("plan");
        assertThat(root).doesNotExist();
    }

    @Test
    void close_explicitDestroyDone_notDestroyedTwice() {
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            ws.apply();
            ws.destroy();
        }
        assertThat(runner.subcommands()).containsExactly("apply", "destroy");
    }

    @Test
    void close_skipDestroyEnv_leavesStateAndCopy() {
        env.put("PT_SKIP_DESTROY", "1");
        Path root;
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            root = ws.root();
            ws.apply();
        }
        assertThat(runner.subcommands()).containsExactly("apply");
        assertThat(root).isEqualTo(work.resolve("examples_ex")).exists();
    }

    @Test
    void init_skipInitOnInitialisedKeptCopy_skipped() throws IOException {
        env.put("PT_SKIP_CLEANUP", "true");
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            ws.init();
            Files.createDirectories(ws.dir().resolve(".terraform/providers"));
        }
        env.put("PT_SKIP_INIT", "yes");
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            assertThat(ws.dir().resolve(".terraform/providers")).exists();
            TerraformResult init = ws.init();
            assertThat(init.skipped()).isTrue();
        }
        assertThat(runner.subcommands()).containsExactly("init");
    }

    @Test
    void init_skipInitOnFreshCopy_stillRuns() {
        env.put("PT_SKIP_INIT", "1");
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            assertThat(ws.init().skipped()).isFalse();
        }
        assertThat(runner.subcommands()).containsExactly("init");
    }

    @Test
    void commandEnvironment_offline_dropsCredentialsAndInputsSetsMirrorConfig() {
        env.put("AWS_ACCESS_KEY_ID", "real-looking-key");
        env.put("AWS_PROFILE", "prod");
        env.put("TF_VAR_rules", "{}");
        env.put("TF_CLI_CONFIG_FILE", "/root/.terraformrc");
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            ws.tryValidate();
        }
        assertThat(runner.lastEnvironment).doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_PROFILE", "TF_VAR_rules")
                .containsEntry("TF_CLI_CONFIG_FILE", project.resolve("target/terraformrc").toString())
                .containsEntry("TF_PLUGIN_CACHE_DIR", project.resolve("target/terraform-plugin-cache").toString())
                .containsEntry("CHECKPOINT_DISABLE", "1")
                .containsEntry("PATH", "/usr/bin");
        assertThat(project.resolve("target/terraformrc")).exists();
    }

    @Test
    void test_tallyParsed() {
        runner.on("test", Answer.ok("tests/a.tftest.hcl... pass\n\nSuccess! 3 passed, 0 failed.\n"));
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            assertThat(ws.test()).isEqualTo(new TestSummary(true, 3, 0, 0));
        }
    }

    @Test
    void outputs_failedCommand_messageOmitsStdout() {
        runner.on("output", new Answer(1, "{\"secret\":{\"sensitive\":true,\"value\":\"s3cr3t\"}}", "Error: x"));
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            assertThatThrownBy(ws::outputs).hasMessageContaining("Error: x").hasMessageNotContaining("s3cr3t");
        }
    }

    @Test
    void locate_noTerraformOnPath_failsWithInstallInstructions() {
        assertThatThrownBy(() -> TerraformBinary.locate(Map.of("PATH", work.toString())))
                .isInstanceOf(TerraformNotFoundException.class)
                .hasMessageContaining("not found on PATH")
                .hasMessageContaining("Install Terraform >= 1.9")
                .hasMessageContaining("PT_TERRAFORM");
        assertThatThrownBy(() -> TerraformWorkspace.create(TerraformOptions.builder(project, "examples/ex")
                .environment(Map.of("PATH", work.toString())).workRoot(work).build()))
                .isInstanceOf(TerraformNotFoundException.class);
    }

    @Test
    void fmtCheck_unformatted_throwsWithDiff() {
        runner.on("fmt", Answer.failed(3, "main.tf\n-  source= \"x\"\n+  source = \"x\"\n"));
        try (TerraformWorkspace ws = TerraformWorkspace.create(options("examples/ex").build())) {
            assertThatThrownBy(ws::fmtCheck).isInstanceOf(TerraformCommandException.class)
                    .hasMessageContaining("terraform fmt -check").hasMessageContaining("+  source = \"x\"");
        }
    }
}
