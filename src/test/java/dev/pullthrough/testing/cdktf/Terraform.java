package dev.pullthrough.testing.cdktf;

import dev.pullthrough.testing.terraform.TerraformBinary;
import dev.pullthrough.testing.terraform.TerraformCliConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One-off terraform commands outside a workspace (the provider schema dump), with the same binary lookup and CLI
 * configuration as the Terraform harness: the AWS provider from the local mirror via target/terraformrc.
 */
public final class Terraform {
    private Terraform() {
    }

    /** Runs terraform in dir and returns its stdout; throws with both streams when it exits non-zero. */
    public static String run(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(TerraformBinary.locate().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        TerraformCliConfig cli = TerraformCliConfig.forTargetDir(ProjectPaths.target(), System.getenv());
        Map<String, String> env = pb.environment();
        env.put("TF_CLI_CONFIG_FILE", cli.configFile().toString());
        env.put("TF_PLUGIN_CACHE_DIR", cli.pluginCacheDir().toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("TF_INPUT", "0");
        ProcessResult r = Processes.run(pb, 300, TimeUnit.SECONDS);
        if (r.exitCode() != 0) {
            throw new AssertionError("terraform " + String.join(" ", args) + " failed in " + dir + ": " + r.describe());
        }
        return r.stdout();
    }
}
