package dev.pullthrough.testing.terraform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalModuleSourcesTest {
    @TempDir
    Path dir;

    @Test
    void in_hclJsonAndTestFiles_localSourcesOnly() throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                module "a" {
                  source  = "../../modules-out/hcl/a"
                }
                module "registry" {
                  source  = "terraform-aws-modules/vpc/aws"
                  version = "5.0.0"
                }
                """);
        Files.writeString(dir.resolve("more.tf.json"), """
                {"module": [{"b": {"source": "./b"}}, {"c": [{"source": "../c"}]}, {"git": {"source": "git::https://x/y.git"}}]}""");
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/x.tftest.hcl"), "run \"setup\" {\n  module {\n    source = \"./tests/setup\"\n  }\n}\n");
        assertThat(LocalModuleSources.in(dir)).containsExactly("../../modules-out/hcl/a", "../c", "./b", "./tests/setup");
    }

    @Test
    void fromJson_invalidJson_namesFile() {
        assertThatThrownBy(() -> LocalModuleSources.fromJson("{", dir.resolve("bad.tf.json")))
                .hasMessageContaining("bad.tf.json");
    }

    @Test
    void declaresAwsProvider_jsonAndHclForms_detected() throws IOException {
        Path hcl = Files.createDirectories(dir.resolve("hcl"));
        Files.writeString(hcl.resolve("providers.tf"), "provider \"aws\" {\n  region = var.region\n}\n");
        Path json = Files.createDirectories(dir.resolve("json"));
        Files.writeString(json.resolve("main.tf.json"), "{\"provider\": [{\"aws\": {\"region\": \"us-east-1\"}}]}");
        Path none = Files.createDirectories(dir.resolve("none"));
        Files.writeString(none.resolve("main.tf"), "# provider \"aws\" is configured by the caller\nresource \"x\" \"y\" {}\n");
        assertThat(OfflineProvider.declaresAwsProvider(hcl)).isTrue();
        assertThat(OfflineProvider.declaresAwsProvider(json)).isTrue();
        assertThat(OfflineProvider.declaresAwsProvider(none)).isFalse();
    }
}
