package dev.pullthrough.testing.cdktf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real terraform binary for the cdktf tests, offline: the AWS provider comes from the filesystem mirror
 * configured in target/terraformrc (written by bin/setup-test-env, or here when it is missing).
 */
public final class Terraform {
    private static final Path MIRROR = Path.of("/opt/tf-plugins");
    private static final String RC = """
            provider_installation {
              filesystem_mirror {
                path    = "/opt/tf-plugins"
                include = ["registry.terraform.io/hashicorp/aws"]
              }
              direct {
                exclude = ["registry.terraform.io/hashicorp/aws"]
              }
            }
            """;

    private Terraform() {
    }

    /** Runs terraform in dir and returns its output; throws with both streams when it exits non-zero. */
    public static String run(Path dir, String... args) {
        ProcessResult r = tryRun(dir, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("terraform " + String.join(" ", args) + " failed in " + dir + ": " + r.describe());
        }
        return r.stdout();
    }

    public static ProcessResult tryRun(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        Path rc = cliConfig();
        if (rc != null) {
            env.put("TF_CLI_CONFIG_FILE", rc.toString());
        }
        env.put("TF_IN_AUTOMATION", "1");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("TF_INPUT", "0");
        return Processes.run(pb, 300, TimeUnit.SECONDS);
    }

    static String binary() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(entry.isEmpty() ? "." : entry, "terraform");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("terraform is not on PATH: install Terraform >= 1.7 (see README, 'Prerequisites'), "
                + "then run bin/setup-test-env");
    }

    /** target/terraformrc, written when absent and the local provider mirror exists; null means plain downloads. */
    public static synchronized Path cliConfig() {
        Path rc = ProjectPaths.target().resolve("terraformrc");
        if (Files.isRegularFile(rc)) {
            return rc;
        }
        if (!Files.isDirectory(MIRROR)) {
            return null;
        }
        try {
            Files.createDirectories(rc.getParent());
            Path tmp = Files.createTempFile(rc.getParent(), "terraformrc", ".tmp");
            Files.writeString(tmp, RC, StandardCharsets.UTF_8);
            Files.move(tmp, rc, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return rc;
        } catch (IOException e) {
            throw new AssertionError("cannot write " + rc, e);
        }
    }
}
