package dev.pullthrough.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.terraform.TerraformOptions;
import dev.pullthrough.testing.terraform.TerraformResult;
import dev.pullthrough.testing.terraform.TerraformWorkspace;
import dev.pullthrough.testing.terraform.TestSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated module, in both forms, as Terraform sees it: {@code init} (offline, local provider mirror),
 * {@code validate}, {@code fmt -check} for HCL, and the module's own {@code terraform test} suites. The JSON form runs
 * the very same test files as the HCL form, which is the cheapest strong proof that the two are one module.
 */
class GeneratedModulesTerraformTest {

    @TempDir
    static Path synthDir;

    @BeforeAll
    static void synth() {
        ModuleGenerator.synth(synthDir.resolve("modules-out"));
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

    /** A temp copy of the module as users get it: no provider override (the test files bring their providers). */
    private static TerraformWorkspace workspace(String module, ModuleForm form) {
        return TerraformWorkspace.create(TerraformOptions.builder(synthDir, "modules-out/" + form.folder() + "/" + module)
                .label(module + "-" + form.folder())
                .targetDir(TerraformOptions.projectDirFromSystemProperty().resolve("target"))
                .offline(false)
                .build());
    }

    /**
     * One copy per module and form: init, validate, then the module's own test suites. Two modules run at a time
     * (terraform spends much of its time starting the provider, so this roughly halves the wall time on two cores).
     */
    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("modulesAndForms")
    @Execution(ExecutionMode.CONCURRENT)
    void module_initValidateAndTest_validWithoutWarningsAndEveryGeneratedRunPasses(String module, ModuleForm form) {
        long runs = Modules.all().stream().filter(m -> m.name().equals(module))
                .flatMap(m -> m.tests().stream())
                .flatMap(t -> t.blocks().stream())
                .filter(b -> b.type().equals("run"))
                .count();
        try (TerraformWorkspace ws = workspace(module, form)) {
            ws.init();

            TerraformResult validate = ws.validate();
            TestSummary summary = ws.test();

            assertThat(validate.stdout()).contains("The configuration is valid");
            assertThat(validate.combinedOutput()).as("no deprecation or other warnings").doesNotContain("Warning:");
            assertThat(summary.success()).isTrue();
            assertThat(summary.failed()).isZero();
            assertThat(summary.passed()).as("every run block of the generated suites ran and passed").isEqualTo((int) runs);
        }
    }

    @Test
    void hclForm_isAlreadyFormattedByTerraformFmt() throws IOException {
        Path hcl = synthDir.resolve("modules-out").resolve(ModuleForm.HCL.folder());

        ProcessResult result = TerraformCli.find().run(hcl, "fmt", "-check", "-recursive", "-diff", "-no-color");

        assertThat(result.exitCode()).as("terraform fmt -check -recursive found differences:%n%s", result.stdout()).isZero();
        try (var files = Files.walk(hcl)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tf") || p.toString().endsWith(".tftest.hcl")).count())
                    .isGreaterThanOrEqualTo(Modules.all().size() * 5L);
        }
    }
}
