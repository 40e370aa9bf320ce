package dev.pullthrough.testing.cdktf;

import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import dev.pullthrough.testing.terraform.TerraformBinary;
import dev.pullthrough.testing.terraform.TerraformCliConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        ProcessResult r = ProcessRunner.inheritingEnvironment().withEnvironment(cli.environment()).inDirectory(dir)
                .withTimeout(Duration.ofMinutes(5)).run(cmd);
        if (!r.succeeded()) {
            throw new AssertionError("terraform " + String.join(" ", args) + " failed in " + dir + ": " + r);
        }
        return r.stdout();
    }
}
