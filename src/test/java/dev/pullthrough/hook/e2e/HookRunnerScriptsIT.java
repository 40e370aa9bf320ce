package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.FileSnapshot;
import dev.pullthrough.testing.docker.FreePort;
import dev.pullthrough.testing.docker.ScratchDir;
import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tarball's GitHub Actions scripts never fail a job: for each fault (variable unset, no AWS credentials, registry
 * and token API down, runtime missing, state dir unwritable) they exit 0, say what happened on stderr, and leave every
 * file as it was. Each case runs under {@code /bin/sh} (dash here) and under {@code bash -e} (how the runner starts a
 * {@code .sh} hook). The hook's every path points into a scratch dir; dockerd is not involved.
 */
class HookRunnerScriptsIT {
    private ScratchDir dir;
    private Path files;
    private FileSnapshot before;
    private final Map<String, String> env = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        dir = ScratchDir.create();
        files = dir.directory("runner");
        Files.writeString(files.resolve("daemon.json"), "{\"debug\": true}\n");
        Files.createDirectories(files.resolve("certs.d"));
        Files.writeString(files.resolve("buildkitd.toml"), "debug = true\n");
        Files.createDirectories(files.resolve("docker"));
        Files.writeString(files.resolve("docker/config.json"), "{\"auths\": {}}\n");
        Files.writeString(files.resolve("github_env"), "EXISTING=1\n");
        before = FileSnapshot.of(List.of(files));
        int closed = FreePort.onLoopback();
        env.put("RUNS_ON_ECR_PULL_THROUGH_CACHE", "http://127.0.0.1:" + closed);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_ENDPOINT_URL_ECR", "http://127.0.0.1:" + closed);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        env.put("HOME", dir.path().toString());
        env.put("DOCKER_CONFIG", files.resolve("docker").toString());
        env.put("GITHUB_ENV", files.resolve("github_env").toString());
        env.put("PULLTHROUGH_HOOK_STATE_DIR", dir.resolve("state").toString());
        env.put("PULLTHROUGH_HOOK_LISTEN", "127.0.0.1:0");
        env.put("PULLTHROUGH_HOOK_START_OPTS", "--daemon-config " + files.resolve("daemon.json") + " --docker-pid-file none"
                + " --containerd-certs-dir " + files.resolve("certs.d") + " --buildkitd-config " + files.resolve("buildkitd.toml"));
    }

    @AfterEach
    void tearDown() {
        dir.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "bash -e"})
    void jobStarted_variableUnset_exit0WithMessage(String shell) {
        ProcessResult run = script(shell, "job-started.sh", HookTarball.home(), "RUNS_ON_ECR_PULL_THROUGH_CACHE");

        assertNeverFailed(run, "RUNS_ON_ECR_PULL_THROUGH_CACHE is not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "bash -e"})
    void jobStarted_noAwsCredentials_exit0WithMessage(String shell) {
        ProcessResult run = script(shell, "job-started.sh", HookTarball.home(), "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

        assertNeverFailed(run, "credentials");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "bash -e"})
    void jobStarted_registryAndTokenApiDown_exit0WithMessage(String shell) {
        ProcessResult run = script(shell, "job-started.sh", HookTarball.home());

        assertNeverFailed(run, "warning: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "bash -e"})
    void jobStarted_runtimeMissing_exit0WithMessage(String shell) throws IOException {
        Path partial = copyWithoutRuntime();

        ProcessResult run = script(shell, "job-started.sh", partial);

        assertNeverFailed(run, "runtime is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "bash -e"})
    void jobStarted_stateDirUnwritable_exit0WithMessage(String shell) throws IOException {
        Files.writeString(dir.resolve("a-file"), "");
        env.put("PULLTHROUGH_HOOK_STATE_DIR", dir.resolve("a-file/state").toString());

        ProcessResult run = script(shell, "job-started.sh", HookTarball.home());

        assertNeverFailed(run, "state directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "bash -e"})
    void jobCompleted_runtimeMissing_exit0WithMessage(String shell) throws IOException {
        Path partial = copyWithoutRuntime();

        ProcessResult run = script(shell, "job-completed.sh", partial);

        assertNeverFailed(run, "runtime is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "bash -e"})
    void jobCompleted_stateDirUnwritable_exit0WithMessage(String shell) throws IOException {
        Files.writeString(dir.resolve("a-file"), "");
        env.put("PULLTHROUGH_HOOK_STATE_DIR", dir.resolve("a-file/state").toString());

        ProcessResult run = script(shell, "job-completed.sh", HookTarball.home());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(before.differencesTo(before.retake())).isEmpty();
    }

    private void assertNeverFailed(ProcessResult run, String message) {
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stderr()).as("%s", run).contains("pullthrough hook: ").contains(message);
        assertThat(before.differencesTo(before.retake())).as("no file changed").isEmpty();
        assertThat(dir.resolve("state/proxy.pid")).as("no mirror left running").doesNotExist();
    }

    /** {@code env -u UNSET... SHELL <home>/github-actions/SCRIPT} with the case's environment. */
    private ProcessResult script(String shell, String script, Path home, String... unset) {
        List<String> command = new ArrayList<>(List.of("env"));
        for (String name : unset) {
            command.addAll(List.of("-u", name));
        }
        command.addAll(List.of(shell.split(" ")));
        command.add(home.resolve("github-actions").resolve(script).toString());
        return ProcessRunner.inheritingEnvironment().withEnvironment(env).withTimeout(Duration.ofSeconds(120)).run(command);
    }

    /** The tarball's tree without runtime/: a broken install. */
    private Path copyWithoutRuntime() throws IOException {
        Path partial = dir.directory("partial");
        ProcessRunner.inheritingEnvironment().run(List.of("cp", "-a", HookTarball.home().resolve("bin").toString(),
                HookTarball.home().resolve("github-actions").toString(), partial.toString())).requireSuccess();
        return partial;
    }
}
