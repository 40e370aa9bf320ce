package dev.pullthrough.testing.cdktf;

import dev.pullthrough.testing.docker.CommandResult;
import dev.pullthrough.testing.docker.CommandRunner;
import java.time.Duration;
import dev.pullthrough.testing.terraform.TerraformBinary;
import dev.pullthrough.testing.terraform.TerraformCliConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        TerraformCliConfig cli = TerraformCliConfig.forTargetDir(ProjectPaths.target(), System.getenv());
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("TF_CLI_CONFIG_FILE", cli.configFile().toString());
        env.put("TF_PLUGIN_CACHE_DIR", cli.pluginCacheDir().toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("TF_INPUT", "0");
        CommandResult r = CommandRunner.inheritingEnvironment().withEnvironment(env).inDirectory(dir)
                .withTimeout(Duration.ofMinutes(5)).run(cmd);
        if (!r.succeeded()) {
            throw new AssertionError("terraform " + String.join(" ", args) + " failed in " + dir + ": " + r);
        }
        return r.stdout();
    }
}
