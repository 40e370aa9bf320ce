package dev.pullthrough.module;

import dev.pullthrough.testing.cdktf.ProjectPaths;
import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import dev.pullthrough.testing.terraform.TerraformBinary;
import dev.pullthrough.testing.terraform.TerraformCliConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code terraform} commands the workspace harness ({@code dev.pullthrough.testing.terraform}) does not wrap,
 * such as {@code fmt} on standard input, with the harness's binary and CLI configuration and the project's one
 * process runner. A missing binary fails the test with an install hint; it is never a skip.
 */
final class TerraformCli {
    private final Path binary;
    private final ProcessRunner runner;

    private TerraformCli(Path binary, ProcessRunner runner) {
        this.binary = binary;
        this.runner = runner;
    }

    static TerraformCli find() {
        TerraformCliConfig cli = TerraformCliConfig.forTargetDir(ProjectPaths.target(), System.getenv());
        return new TerraformCli(TerraformBinary.locate(), ProcessRunner.inheritingEnvironment()
                .withEnvironment(cli.environment()).withTimeout(Duration.ofMinutes(10)));
    }

    ProcessResult run(Path dir, String... args) {
        return runWithInput(dir, null, args);
    }

    ProcessResult runWithInput(Path dir, String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return runner.inDirectory(dir).run(command, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8));
    }
}
