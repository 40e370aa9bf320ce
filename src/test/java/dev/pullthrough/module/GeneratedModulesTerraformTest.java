package dev.pullthrough.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated module, in both forms, as Terraform sees it: {@code init} (offline, local provider mirror),
 * {@code validate}, {@code fmt -check} for HCL, and the module's own {@code terraform test} suites. The JSON form runs
 * the very same test files as the HCL form, which is the strongest cheap proof that the two are one module.
 */
class GeneratedModulesTerraformTest {

    @TempDir
    static Path work;
    static Path out;
    static TerraformCli terraform;

    @BeforeAll
    static void synth() {
        terraform = TerraformCli.find();
        out = work.resolve("modules-out");
        ModuleGenerator.synth(out);
    }

    static List<Arguments> modulesAndForms() {
        List<Arguments> args = new ArrayList<>();
        for (ModuleDefinition m : Modules.all()) {
            for (ModuleForm form : ModuleForm.values()) {
                args.add(Arguments.of(m.name(), form));
            }
        }
        return args;
    }

    private static Path initialised(String module, ModuleForm form) {
        Path dir = TerraformCli.copy(out.resolve(form.folder()).resolve(module), work);
        terraform.run(dir, "init", "-input=false", "-backend=false", "-no-color").requireSuccess();
        return dir;
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("modulesAndForms")
    void module_initAndValidate_succeedsOnItsOwn(String module, ModuleForm form) {
        Path dir = initialised(module, form);

        TerraformCli.Result result = terraform.run(dir, "validate", "-no-color").requireSuccess();

        assertThat(result.stdout()).contains("The configuration is valid");
        assertThat(result.output()).as("no deprecation or other warnings").doesNotContain("Warning:");
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("modulesAndForms")
    void module_terraformTest_everyRunPasses(String module, ModuleForm form) {
        Path dir = initialised(module, form);

        TerraformCli.Result result = terraform.run(dir, "test", "-no-color").requireSuccess();

        assertThat(result.stdout()).containsPattern("Success! [1-9][0-9]* passed, 0 failed");
    }

    @Test
    void hclForm_isAlreadyFormattedByTerraformFmt() throws IOException {
        Path hcl = out.resolve(ModuleForm.HCL.folder());

        TerraformCli.Result result = terraform.run(hcl, "fmt", "-check", "-recursive", "-diff", "-no-color");

        assertThat(result.exitCode()).as("terraform fmt -check -recursive found differences:%n%s", result.stdout()).isZero();
        try (var files = Files.walk(hcl)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tf")).count()).isPositive();
        }
    }
}
