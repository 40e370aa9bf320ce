package dev.pullthrough.testing.terraform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Everything a {@link TerraformWorkspace} needs, as an immutable value. Start with {@link #builder(Path, String)}.
 *
 * @param projectDir  repository root; the copy keeps paths relative to it
 * @param configDir   the module, example or scratch configuration, relative to projectDir
 * @param label       names the workspace in logs and failure messages (default: configDir)
 * @param variables   input values, written as {@code pt_inputs.auto.tfvars.json} into the copy
 * @param extraFiles  files written into the copied configuration (scratch parents, test-only wiring)
 * @param offline     write the offline provider override into the copy (default true)
 * @param region      region for the offline override when the configuration has no provider block
 * @param terraform   the executable; empty means {@link TerraformBinary#locate(Map)} at workspace creation
 * @param workRoot    where temp copies go (default {@code $PT_TF_WORK_ROOT} or {@code java.io.tmpdir/pt-terraform})
 * @param targetDir   the build dir holding terraformrc and the plugin cache (default {@code projectDir/target})
 * @param environment the ambient environment: PT_* switches are read from it and commands inherit it (minus AWS_*
 *                    and TF_VAR_* when offline, so a developer's real credentials and inputs never leak in)
 */
public record TerraformOptions(Path projectDir, String configDir, String label, Map<String, Object> variables,
                               Map<String, String> extraFiles, boolean offline, String region,
                               Optional<Path> terraform, Path workRoot, Path targetDir,
                               Map<String, String> environment, RetryPolicy retryPolicy, Duration timeout,
                               TerraformRunner runner, Consumer<String> log, Sleeper sleeper) {
    public static final String ENV_WORK_ROOT = "PT_TF_WORK_ROOT";

    public TerraformOptions {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(configDir, "configDir");
        variables = java.util.Collections.unmodifiableMap(new TreeMap<>(variables));
        extraFiles = java.util.Collections.unmodifiableMap(new TreeMap<>(extraFiles));
        environment = Map.copyOf(environment);
    }

    /** Pauses between retries; replaced by a no-op in the harness's own tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The project dir from surefire's {@code pt.project.dir}, else the working directory. */
    public static Path projectDirFromSystemProperty() {
        return Path.of(System.getProperty("pt.project.dir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    public static Builder builder(Path projectDir, String configDir) {
        return new Builder(projectDir, configDir);
    }

    public Builder toBuilder() {
        Builder b = new Builder(projectDir, configDir);
        b.label = label;
        b.variables.putAll(variables);
        b.extraFiles.putAll(extraFiles);
        b.offline = offline;
        b.region = region;
        b.terraform = terraform.orElse(null);
        b.workRoot = workRoot;
        b.targetDir = targetDir;
        b.environment = environment;
        b.retryPolicy = retryPolicy;
        b.timeout = timeout;
        b.runner = runner;
        b.log = log;
        b.sleeper = sleeper;
        return b;
    }

    public static final class Builder {
        private final Path projectDir;
        private final String configDir;
        private String label;
        private final Map<String, Object> variables = new LinkedHashMap<>();
        private final Map<String, String> extraFiles = new LinkedHashMap<>();
        private boolean offline = true;
        private String region = "us-east-1";
        private Path terraform;
        private Path workRoot;
        private Path targetDir;
        private Map<String, String> environment = System.getenv();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration timeout = Duration.ofMinutes(5);
        private TerraformRunner runner = TerraformRunner.REAL;
        private Consumer<String> log = System.err::println;
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder(Path projectDir, String configDir) {
            this.projectDir = projectDir.toAbsolutePath().normalize();
            this.configDir = WorkspaceCopier.normalizeRel(configDir);
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder variable(String name, Object value) {
            variables.put(name, value);
            return this;
        }

        public Builder variables(Map<String, ?> values) {
            variables.putAll(values);
            return this;
        }

        public Builder file(String name, String content) {
            extraFiles.put(name, content);
            return this;
        }

        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder terraform(Path executable) {
            this.terraform = executable;
            return this;
        }

        public Builder workRoot(Path workRoot) {
            this.workRoot = workRoot;
            return this;
        }

        public Builder targetDir(Path targetDir) {
            this.targetDir = targetDir;
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder runner(TerraformRunner runner) {
            this.runner = runner;
            return this;
        }

        public Builder log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public TerraformOptions build() {
            Path root = workRoot != null ? workRoot
                    : Optional.ofNullable(environment.get(ENV_WORK_ROOT)).filter(s -> !s.isBlank()).map(Path::of)
                    .orElse(Path.of(System.getProperty("java.io.tmpdir"), "pt-terraform"));
            return new TerraformOptions(projectDir, configDir, label != null ? label : configDir, variables,
                    extraFiles, offline, region, Optional.ofNullable(terraform), root.toAbsolutePath(),
                    targetDir != null ? targetDir : projectDir.resolve("target"), environment, retryPolicy, timeout,
                    runner, log, sleeper);
        }
    }
}
