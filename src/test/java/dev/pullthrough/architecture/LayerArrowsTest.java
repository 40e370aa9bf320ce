package dev.pullthrough.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the layer arrows of docs/ARCHITECTURE.md one-way: model <- iam <- cdktf <- module <- cli, and hook <- model. */
class LayerArrowsTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pullthrough");
    }

    @Test
    void layers_dependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("model").definedBy("dev.pullthrough.model..")
                .layer("iam").definedBy("dev.pullthrough.iam..")
                .layer("cdktf").definedBy("dev.pullthrough.cdktf..")
                .layer("module").definedBy("dev.pullthrough.module..")
                .layer("hook").definedBy("dev.pullthrough.hook..")
                .layer("cli").definedBy("dev.pullthrough.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("module").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("hook").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cdktf").mayOnlyBeAccessedByLayers("module", "cli")
                .whereLayer("iam").mayOnlyBeAccessedByLayers("cdktf", "module", "cli")
                .whereLayer("model").mayOnlyBeAccessedByLayers("iam", "cdktf", "module", "hook", "cli")
                .check(production);
    }

    @Test
    void hook_usesNoCdktfJsiiOrOtherLayers() {
        noClasses().that().resideInAPackage("dev.pullthrough.hook..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.hashicorp..", "software.amazon.jsii..", "software.constructs..",
                        "dev.pullthrough.iam..", "dev.pullthrough.cdktf..", "dev.pullthrough.module..",
                        "dev.pullthrough.cli..")
                .check(production);
    }

    @Test
    void model_isPureWithoutCdktfOrIo() {
        noClasses().that().resideInAPackage("dev.pullthrough.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.hashicorp..", "software.amazon.jsii..", "software.constructs..",
                        "com.fasterxml.jackson..", "java.nio.file..", "java.net..", "picocli..")
                .orShould().dependOnClassesThat().belongToAnyOf(java.io.File.class, java.io.FileInputStream.class,
                        java.io.FileOutputStream.class)
                .check(production);
    }

    @Test
    void json_isALeafThatEveryLayerMayUse() {
        noClasses().that().resideInAPackage("dev.pullthrough.json..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.pullthrough.model..", "dev.pullthrough.iam..", "dev.pullthrough.cdktf..",
                        "dev.pullthrough.module..", "dev.pullthrough.hook..", "dev.pullthrough.cli..")
                .check(production);
    }

    @Test
    void iam_usesNoCdktf() {
        noClasses().that().resideInAPackage("dev.pullthrough.iam..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.hashicorp..", "software.amazon.jsii..", "software.constructs..")
                .check(production);
    }
}
