package dev.pullthrough.testing.cdktf;

import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real cdktf-cli 0.19.2, as bin/setup-test-env installs it ({@code $PULLTHROUGH_TOOLS_DIR}, default
 * {@code ~/.cache/pullthrough}, {@code /cdktf-cli/node_modules/.bin/cdktf}). Runs {@code cdktf synth} the way a
 * platform repository's pipeline does: in the directory holding cdktf.json.
 */
public final class CdktfCli {
    private CdktfCli() {
    }

    public static Path binary() {
        String tools = System.getenv("PULLTHROUGH_TOOLS_DIR");
        Path dir = tools != null && !tools.isBlank() ? Path.of(tools)
                : Path.of(System.getProperty("user.home"), ".cache", "pullthrough");
        Path cdktf = dir.resolve("cdktf-cli/node_modules/.bin/cdktf");
        if (!Files.isExecutable(cdktf)) {
            throw new AssertionError("cdktf-cli 0.19.2 is not installed at " + cdktf
                    + ": run bin/setup-test-env (it runs npm install cdktf-cli@0.19.2 there; needs node and npm)");
        }
        return cdktf;
    }

    /** {@code cdktf synth} in appDir; returns the output, throws with it when the command fails. */
    public static ProcessResult synth(Path appDir) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("CI", "1");
        env.put("FORCE_COLOR", "0");
        env.put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        env.put("JSII_RUNTIME_PACKAGE_CACHE_ROOT", System.getenv().getOrDefault(
                "JSII_RUNTIME_PACKAGE_CACHE_ROOT", ProjectPaths.target().resolve("jsii-cache").toString()));
        ProcessResult r = ProcessRunner.inheritingEnvironment().withEnvironment(env).inDirectory(appDir)
                .withTimeout(Duration.ofMinutes(10)).run(List.of(binary().toString(), "synth"));
        if (!r.succeeded()) {
            throw new AssertionError("cdktf synth failed in " + appDir + ": " + r);
        }
        return r;
    }

    /** The synthesized Terraform JSON of one stack. */
    public static Path stackFile(Path appDir, String stack) {
        Path file = appDir.resolve("cdktf.out/stacks").resolve(stack).resolve("cdk.tf.json");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("cdktf synth wrote no " + file);
        }
        return file;
    }
}
