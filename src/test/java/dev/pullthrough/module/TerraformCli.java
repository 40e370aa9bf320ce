package dev.pullthrough.module;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code terraform} commands the shared harness ({@code dev.pullthrough.testing.terraform}) does not wrap, such as
 * {@code fmt} on standard input; the binary is found the harness's way. A missing binary fails the test with an
 * install hint; it is never a skip.
 */
final class TerraformCli {

    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        Result requireSuccess() {
            if (exitCode != 0) {
                fail("%s exited %d%n--- stdout%n%s%n--- stderr%n%s", String.join(" ", command), exitCode, stdout, stderr);
            }
            return this;
        }

        String output() {
            return stdout + stderr;
        }
    }

    private final String binary;
    private final Path cliConfig;

    private TerraformCli(String binary, Path cliConfig) {
        this.binary = binary;
        this.cliConfig = cliConfig;
    }

    static TerraformCli find() {
        return new TerraformCli(dev.pullthrough.testing.terraform.TerraformBinary.locate().toString(), cliConfig());
    }

    /** The project's offline configuration when it exists; else the caller's; else none (direct downloads). */
    private static Path cliConfig() {
        String project = System.getProperty("pt.project.dir");
        if (project != null) {
            Path rc = Path.of(project, "target", "terraformrc");
            if (Files.isRegularFile(rc)) {
                return rc;
            }
        }
        String env = System.getenv("TF_CLI_CONFIG_FILE");
        if (env != null && Files.isRegularFile(Path.of(env))) {
            return Path.of(env);
        }
        Path mirror = Path.of("/opt/tf-plugins");
        if (Files.isDirectory(mirror)) {
            try {
                Path rc = Files.createTempFile("terraformrc", "");
                Files.writeString(rc, """
                        provider_installation {
                          filesystem_mirror {
                            path    = "/opt/tf-plugins"
                            include = ["registry.terraform.io/hashicorp/aws"]
                          }
                          direct {
                            exclude = ["registry.terraform.io/hashicorp/aws"]
                          }
                        }
                        """);
                return rc;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    Result run(Path dir, String... args) {
        return runWithInput(dir, null, args);
    }

    Result runWithInput(Path dir, String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("TF_IN_AUTOMATION", "1");
        env.put("TF_INPUT", "0");
        env.put("CHECKPOINT_DISABLE", "1");
        if (cliConfig != null) {
            env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        }
        try {
            Path out = Files.createTempFile("tf-out", ".txt");
            Path err = Files.createTempFile("tf-err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("%s timed out in %s", String.join(" ", command), dir);
            }
            Result r = new Result(command, p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
