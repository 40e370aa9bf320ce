package dev.pullthrough.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleGeneratorTest {

    @Test
    void files_everyModuleOfTheContract_inBothFormsWithTheStandardFiles() {
        Map<String, String> files = new ModuleGenerator().files();

        for (String module : List.of("ecr-pull-through-cache", "ecr-pull-through-access", "runner-ecr-pull-through",
                "ecr-private-endpoints")) {
            if (Modules.all().stream().noneMatch(m -> m.name().equals(module))) {
                continue; // added as each module lands
            }
            assertThat(files).containsKeys(
                    "hcl/" + module + "/main.tf", "hcl/" + module + "/variables.tf", "hcl/" + module + "/outputs.tf",
                    "hcl/" + module + "/versions.tf", "hcl/" + module + "/README.md",
                    "json/" + module + "/main.tf.json", "json/" + module + "/variables.tf.json",
                    "json/" + module + "/outputs.tf.json", "json/" + module + "/versions.tf.json");
            assertThat(files.keySet()).anyMatch(k -> k.startsWith("hcl/" + module + "/tests/") && k.endsWith(".tftest.hcl"));
        }
        assertThat(files.keySet()).noneMatch(k -> k.startsWith("json/") && k.endsWith(".tf"));
        assertThat(files.keySet()).noneMatch(k -> k.startsWith("hcl/") && k.endsWith(".tf.json"));
    }

    @Test
    void files_generatedTwice_areIdenticalWithLfEndingsAndATrailingNewline() {
        Map<String, String> first = new ModuleGenerator().files();
        Map<String, String> second = new ModuleGenerator().files();

        assertThat(second).isEqualTo(first);
        first.forEach((name, content) -> {
            assertThat(content).as(name).doesNotContain("\r").endsWith("\n").doesNotEndWith("\n\n");
            assertThat(content).as(name).doesNotContainPattern("[ \t]\n");
        });
    }

    /** Issue 11: the validations read the upstream catalogue's pattern and tables from locals, not a copy each. */
    @Test
    void files_ruleModules_writeEachSharedPatternAndTableOnce() {
        new ModuleGenerator().files().forEach((name, content) -> {
            if (name.startsWith("hcl/") && name.endsWith("/variables.tf") && content.contains("upstream_registry_url")) {
                assertThat(count(content, "\"k8s.gcr.io\"")).as(name + ": the alias table").isOne();
                assertThat(count(content, "= \"GitLab Container Registry\"")).as(name + ": the display names").isOne();
                assertThat(count(content, "^(?:registry-1\\\\.docker\\\\.io|")).as(name + ": host patterns")
                        .isEqualTo(content.contains("credential_upstream_host_pattern") ? 3 : 2);
                assertThat(content).as(name).contains("can(regex(local.upstream_host_pattern, rule.url))");
            }
        });
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void files_noProviderOrBackendBlocksInModules() {
        new ModuleGenerator().files().forEach((name, content) -> {
            if (name.endsWith(".tf")) {
                assertThat(content).as(name).doesNotContainPattern("(?m)^provider ").doesNotContain("backend \"");
            }
            if (name.endsWith(".tf.json")) {
                assertThat(content).as(name).doesNotContain("\"provider\":").doesNotContain("\"backend\":");
            }
        });
    }

    @Test
    void synth_committedModulesOut_matchesAFreshSynthByteForByte(@TempDir Path dir) throws IOException {
        Path committed = Path.of(System.getProperty("pt.project.dir", "."), "modules-out");
        ModuleGenerator.synth(dir);

        Map<String, byte[]> expected = tree(dir);
        Map<String, byte[]> actual = Files.isDirectory(committed) ? tree(committed) : Map.of();
        List<String> differences = new ArrayList<>();
        for (String name : expected.keySet()) {
            if (!actual.containsKey(name)) {
                differences.add("missing: modules-out/" + name);
            } else if (!java.util.Arrays.equals(expected.get(name), actual.get(name))) {
                differences.add("differs: modules-out/" + name);
            }
        }
        for (String name : actual.keySet()) {
            if (!expected.containsKey(name)) {
                differences.add("stale:   modules-out/" + name);
            }
        }
        if (!differences.isEmpty()) {
            fail("modules-out/ is not what the generator makes now. Run `bin/pullthrough synth` and commit the result.%n%s",
                    String.join("\n", differences));
        }
    }

    @Test
    void synth_staleFilesInItsFolders_areDeletedAndTerraformWorkingFilesKept(@TempDir Path dir) throws IOException {
        Path stale = dir.resolve("hcl/ecr-private-endpoints/old.tf");
        Path gone = dir.resolve("json/removed-module/main.tf.json");
        Path lock = dir.resolve("hcl/ecr-private-endpoints/.terraform.lock.hcl");
        Path plugin = dir.resolve("hcl/ecr-private-endpoints/.terraform/providers/x");
        Path foreign = dir.resolve("notes.txt");
        for (Path p : List.of(stale, gone, lock, plugin, foreign)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }

        ModuleGenerator.synth(dir);

        assertThat(stale).doesNotExist();
        assertThat(gone).doesNotExist();
        assertThat(gone.getParent()).doesNotExist();
        assertThat(lock).exists();
        assertThat(plugin).exists();
        assertThat(foreign).as("outside the generator's folders").exists();
    }

    @Test
    void synth_secondRun_writesNothingAndLeavesNoTempFiles(@TempDir Path dir) throws IOException {
        List<Path> first = ModuleGenerator.synth(dir);
        List<Path> second = ModuleGenerator.synth(dir);

        assertThat(first).isNotEmpty();
        assertThat(second).isEmpty();
        try (Stream<Path> walk = Files.walk(dir)) {
            assertThat(walk.map(Path::toString)).noneMatch(p -> p.endsWith(".tmp"));
        }
    }

    @Test
    void readme_listsEveryInputAndOutputOfTheDefinition() {
        for (ModuleDefinition module : Modules.all()) {
            String readme = ModuleGenerator.moduleFiles(module, ModuleForm.HCL).get("README.md");
            assertThat(readme).startsWith("# " + module.name() + "\n").contains("## Usage", "## Inputs", "## Outputs");
            assertThat(readme.indexOf("## Usage")).isLessThan(readme.indexOf("## Inputs"));
            module.variables().forEach(v -> assertThat(readme).contains("| `" + v.name() + "` |"));
            module.outputs().forEach(o -> assertThat(readme).contains("| `" + o.name() + "` |"));
        }
    }

    static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.contains(".terraform") || rel.endsWith(".tfstate")) {
                    continue;
                }
                files.put(rel, Files.readAllBytes(p));
            }
        }
        return files;
    }

    static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }
}
