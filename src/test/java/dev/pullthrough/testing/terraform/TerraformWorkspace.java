package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pullthrough.testing.process.ProcessResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A throw-away copy of one configuration (module, example or scratch parent) with terraform commands run in it,
 * Terratest style. Use it in try-with-resources: {@link #close()} always tears down - destroys when an apply was
 * attempted, then deletes the copy - also when the test body failed.
 *
 * <p>Every operation comes twice: {@code tryX()} returns the {@link TerraformResult} whatever happened (for tests that
 * expect a failure, e.g. a validation message), {@code x()} throws {@link TerraformCommandException} on failure and
 * returns the typed result.
 *
 * <p>Apply/destroy: offline, the real AWS provider cannot create AWS resources (every API call fails), so
 * {@link #apply()} is for configurations whose resources are local ({@code terraform_data}, data sources such as
 * {@code aws_iam_policy_document} that compute locally). Modules that create AWS resources are applied by
 * {@link #test(String...)} ({@code terraform test} with {@code mock_provider "aws"}).
 */
public final class TerraformWorkspace implements AutoCloseable {
    public static final String VARIABLES_FILE = "pt_inputs.auto.tfvars.json";
    public static final String PLAN_FILE = "tfplan";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final TerraformOptions options;
    private final Path terraform;
    private final Path root;
    private final Path dir;
    private final Set<Stage> skipped;
    private final Map<String, String> commandEnv;
    private final List<String> copiedPaths;
    private boolean applyAttempted;
    private boolean closed;

    private TerraformWorkspace(TerraformOptions options, Path terraform, Path root, Set<Stage> skipped,
                               Map<String, String> commandEnv, List<String> copiedPaths) {
        this.options = options;
        this.terraform = terraform;
        this.root = root;
        this.dir = root.resolve(options.configDir());
        this.skipped = skipped;
        this.commandEnv = commandEnv;
        this.copiedPaths = copiedPaths;
    }

    /**
     * Copies the configuration (and the local modules it sources) into a new work dir and writes the offline
     * provider override and the input variables into the copy.
     *
     * @throws TerraformNotFoundException when no terraform executable is usable
     */
    public static TerraformWorkspace create(TerraformOptions options) {
        Path terraform = options.terraform().orElseGet(() -> TerraformBinary.locate(options.environment()));
        Set<Stage> skipped = Stage.skippedBy(options.environment());
        TerraformCliConfig cli = TerraformCliConfig.forTargetDir(options.targetDir(), options.environment());
        Path root;
        try {
            Files.createDirectories(options.workRoot());
            if (skipped.contains(Stage.CLEANUP)) {
                // A stable path, so a later run with PT_SKIP_INIT finds .terraform/ and the state again.
                root = options.workRoot().resolve(safeName(options.label()));
                WorkspaceCopier.clearKeepingTerraformState(root);
                Files.createDirectories(root);
            } else {
                root = Files.createTempDirectory(options.workRoot(), safeName(options.label()) + "-");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create work dir under " + options.workRoot(), e);
        }
        List<String> copied;
        try {
            copied = WorkspaceCopier.copy(options.projectDir(), options.configDir(), root, options.extraFiles());
        } catch (RuntimeException e) {
            if (!skipped.contains(Stage.CLEANUP)) {
                WorkspaceCopier.deleteRecursively(root);
            }
            throw e;
        }
        TerraformWorkspace ws = new TerraformWorkspace(options, terraform, root, skipped,
                commandEnvironment(options, cli), copied);
        if (options.offline()) {
            OfflineProvider.writeInto(ws.dir, options.region());
        }
        ws.writeVariables(options.variables());
        return ws;
    }

    static Map<String, String> commandEnvironment(TerraformOptions options, TerraformCliConfig cli) {
        Map<String, String> env = new HashMap<>();
        options.environment().forEach((k, v) -> {
            boolean leaks = k.startsWith("TF_VAR_") || k.startsWith("TF_CLI_ARGS") || k.equals("TF_WORKSPACE")
                    || k.equals("TF_DATA_DIR") || (options.offline() && k.startsWith("AWS_"));
            if (!leaks) {
                env.put(k, v);
            }
        });
        env.putAll(cli.environment());
        if (options.offline()) {
            env.put("AWS_EC2_METADATA_DISABLED", "true");
        }
        return Map.copyOf(env);
    }

    private static String safeName(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    /** Root of the copy (the project layout is kept below it). */
    public Path root() {
        return root;
    }

    /** The copied configuration directory, where commands run. */
    public Path dir() {
        return dir;
    }

    public String label() {
        return options.label();
    }

    /** Project-relative paths copied: the configuration, then the local modules it sources. */
    public List<String> copiedPaths() {
        return copiedPaths;
    }

    /** Replaces the input values (re-planning one initialised copy with several input sets is cheap). */
    public void writeVariables(Map<String, ?> variables) {
        Path file = dir.resolve(VARIABLES_FILE);
        try {
            if (variables.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                Files.writeString(file, JSON.writeValueAsString(variables) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write variables into " + file, e);
        }
    }

    /** Writes (or replaces) a file in the copied configuration. */
    public void writeFile(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- init

    public TerraformResult tryInit(String... extraArgs) {
        List<String> args = args(List.of("init", "-input=false", "-no-color"), extraArgs);
        if (skipped.contains(Stage.INIT) && Files.isDirectory(dir.resolve(".terraform"))) {
            options.log().accept("[" + label() + "] " + Stage.INIT.envVar() + ": re-using " + dir.resolve(".terraform"));
            return TerraformResult.skipped(label(), args);
        }
        return run(args);
    }

    public TerraformResult init(String... extraArgs) {
        return tryInit(extraArgs).orThrow();
    }

    // ---- validate

    public TerraformResult tryValidate() {
        List<String> args = List.of("validate", "-no-color");
        if (skipped.contains(Stage.VALIDATE)) {
            return TerraformResult.skipped(label(), args);
        }
        return run(args);
    }

    public TerraformResult validate() {
        return tryValidate().orThrow();
    }

    // ---- fmt

    /** {@code terraform fmt -check -recursive -diff} over the copied configuration (HCL files only). */
    public TerraformResult tryFmtCheck() {
        return run(List.of("fmt", "-check", "-recursive", "-diff", "-no-color"));
    }

    public TerraformResult fmtCheck() {
        return tryFmtCheck().orThrow();
    }

    // ---- plan and show

    /** {@code terraform plan -out=tfplan}; the plan file is then read by {@link #show()}. */
    public TerraformResult tryPlan(String... extraArgs) {
        return run(args(List.of("plan", "-input=false", "-no-color", "-out=" + PLAN_FILE), extraArgs));
    }

    /** Plans and returns the parsed JSON plan. */
    public TerraformPlan plan(String... extraArgs) {
        tryPlan(extraArgs).orThrow();
        return show();
    }

    /**
     * init (unless skipped), then plan. No separate validate: plan validates the configuration too, and each extra
     * command costs seconds of provider start-up.
     */
    public TerraformPlan initAndPlan(String... planArgs) {
        init();
        return plan(planArgs);
    }

    public TerraformResult tryShow() {
        return run(List.of("show", "-json", "-no-color", PLAN_FILE));
    }

    public TerraformPlan show() {
        return TerraformPlan.parse(label(), tryShow().orThrow().stdout());
    }

    // ---- apply, output, destroy

    public TerraformResult tryApply(String... extraArgs) {
        // From here on teardown must destroy, even if this apply fails half-way.
        applyAttempted = true;
        return run(args(List.of("apply", "-input=false", "-no-color", "-auto-approve"), extraArgs));
    }

    public TerraformResult apply(String... extraArgs) {
        return tryApply(extraArgs).orThrow();
    }

    public TerraformResult tryOutput() {
        return run(List.of("output", "-json", "-no-color"));
    }

    public TerraformOutputs outputs() {
        return TerraformOutputs.parse(label(), tryOutput().orThrow().stdout());
    }

    public TerraformResult tryDestroy(String... extraArgs) {
        TerraformResult result = run(args(List.of("destroy", "-input=false", "-no-color", "-auto-approve"), extraArgs));
        if (result.succeeded()) {
            applyAttempted = false;
        }
        return result;
    }

    public TerraformResult destroy(String... extraArgs) {
        return tryDestroy(extraArgs).orThrow();
    }

    // ---- terraform test

    /** {@code terraform test} (mock providers apply offline); the result's output holds each run's verdict. */
    public TerraformResult tryTest(String... extraArgs) {
        return run(args(List.of("test", "-no-color"), extraArgs));
    }

    public TestSummary test(String... extraArgs) {
        TerraformResult result = tryTest(extraArgs).orThrow();
        return TestSummary.parse(result.stdout());
    }

    // ---- teardown

    /**
     * Destroys what an apply may have created (unless PT_SKIP_DESTROY), then deletes the copy (unless
     * PT_SKIP_CLEANUP). When destroy fails the copy is kept - it holds the only state that knows what to delete - and
     * the failure is thrown (attached as suppressed to the test's own failure by try-with-resources).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        boolean keep = skipped.contains(Stage.CLEANUP);
        RuntimeException failure = null;
        if (applyAttempted) {
            if (skipped.contains(Stage.DESTROY)) {
                options.log().accept("[" + label() + "] " + Stage.DESTROY.envVar() + ": state left in " + dir);
            } else {
                TerraformResult destroyed;
                try {
                    destroyed = tryDestroy();
                } catch (RuntimeException e) {
                    destroyed = null;
                    failure = e;
                }
                if (destroyed != null && !destroyed.succeeded()) {
                    failure = new TerraformCommandException(destroyed);
                }
                if (failure != null) {
                    keep = true;
                    options.log().accept("[" + label() + "] destroy failed; state kept in " + dir);
                }
            }
        }
        closed = true;
        if (keep) {
            options.log().accept("[" + label() + "] work dir kept: " + root);
        } else {
            WorkspaceCopier.deleteRecursively(root);
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- running

    private static List<String> args(List<String> base, String... extra) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(extra));
        return all;
    }

    private TerraformResult run(List<String> args) {
        if (closed) {
            throw new IllegalStateException("[" + label() + "] workspace already torn down");
        }
        List<String> command = new ArrayList<>();
        command.add(terraform.toString());
        command.addAll(args);
        List<TerraformResult.Retry> retries = new ArrayList<>();
        long started = System.nanoTime();
        RetryPolicy policy = options.retryPolicy();
        for (int attempt = 1; ; attempt++) {
            ProcessResult out = options.runner().run(command, dir, commandEnv, options.timeout());
            boolean ok = out.exitCode() == 0 && !out.timedOut();
            Optional<TransientError> transientError = ok || attempt >= policy.maxAttempts()
                    ? Optional.empty() : policy.classify(out.stdout() + "\n" + out.stderr());
            if (transientError.isEmpty()) {
                TerraformResult result = new TerraformResult(label(), args, out.exitCode(), out.stdout(), out.stderr(),
                        out.timedOut(), retries, Duration.ofNanos(System.nanoTime() - started), false);
                options.log().accept(result.toString());
                return result;
            }
            retries.add(new TerraformResult.Retry(attempt, out.exitCode(), transientError.get()));
            options.log().accept("[" + label() + "] terraform " + args.get(0) + " attempt " + attempt
                    + " failed with a transient error, retrying: " + transientError.get());
            try {
                options.sleeper().sleep(policy.pause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry " + args, e);
            }
        }
    }
}
