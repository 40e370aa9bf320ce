package dev.pullthrough.testing.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI configuration every harness command runs with: {@code TF_CLI_CONFIG_FILE} pointing at
 * {@code target/terraformrc} (written by bin/setup-test-env, or here when absent) and a shared
 * {@code TF_PLUGIN_CACHE_DIR} under target/. The ambient TF_CLI_CONFIG_FILE of the developer is not used, so the
 * tests install the AWS provider the same way on every machine.
 */
public record TerraformCliConfig(Path configFile, Path pluginCacheDir) {
    /** Where the provider filesystem mirror is; default {@value #DEFAULT_MIRROR}. */
    public static final String ENV_PLUGIN_MIRROR = "PT_TF_PLUGIN_MIRROR";
    public static final String DEFAULT_MIRROR = "/opt/tf-plugins";

    /** Uses {@code targetDir/terraformrc}, writing it when it does not exist yet. */
    public static TerraformCliConfig forTargetDir(Path targetDir, Map<String, String> env) {
        Path config = targetDir.resolve("terraformrc");
        Path cache = targetDir.resolve("terraform-plugin-cache");
        try {
            Files.createDirectories(cache);
            if (!Files.exists(config)) {
                Path mirror = Path.of(Optional.ofNullable(env.get(ENV_PLUGIN_MIRROR)).orElse(DEFAULT_MIRROR));
                writeAtomically(config, render(Files.isDirectory(mirror) ? Optional.of(mirror) : Optional.empty()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare terraform CLI config in " + targetDir, e);
        }
        return new TerraformCliConfig(config, cache);
    }

    /** What every terraform run gets: this configuration, the plugin cache, no prompts, no version check. */
    public Map<String, String> environment() {
        return Map.of("TF_CLI_CONFIG_FILE", configFile.toString(), "TF_PLUGIN_CACHE_DIR", pluginCacheDir.toString(),
                "TF_IN_AUTOMATION", "1", "TF_INPUT", "0", "CHECKPOINT_DISABLE", "1");
    }

    /**
     * The mirror holds hashicorp/aws only; everything else (none today) would still be installed directly, which is
     * also how a user's machine with internet behaves.
     */
    static String render(Optional<Path> mirror) {
        if (mirror.isEmpty()) {
            return "# No local provider mirror found: providers are installed from their origin registry.\n";
        }
        return """
                provider_installation {
                  filesystem_mirror {
                    path    = "%s"
                    include = ["registry.terraform.io/hashicorp/aws"]
                  }
                  direct {
                    exclude = ["registry.terraform.io/hashicorp/aws"]
                  }
                }
                """.formatted(mirror.get());
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), ".terraformrc", ".tmp");
        try {
            Files.writeString(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
