package dev.pullthrough.testing.terraform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCommandRunnerTest {
    @TempDir
    Path dir;
    private final ProcessCommandRunner runner = new ProcessCommandRunner();
    private final Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "ONLY_THIS", "yes");

    @Test
    void run_bothStreamsBeyondPipeBuffer_drainedCompletely() {
        // 256 KiB on each stream: more than a pipe holds, so sequential draining would dead-lock.
        CommandRunner.ProcessOutput out = runner.run(List.of("sh", "-c",
                "head -c 262144 /dev/zero; head -c 262144 /dev/zero >&2; exit 3"),
                dir, env, Duration.ofMinutes(1));
        assertThat(out.exitCode()).isEqualTo(3);
        assertThat(out.stdout()).hasSize(262144);
        assertThat(out.stderr()).hasSize(262144);
        assertThat(out.timedOut()).isFalse();
    }

    @Test
    void run_environment_exactlyTheGivenOne() {
        CommandRunner.ProcessOutput out = runner.run(List.of("sh", "-c", "env"), dir, env, Duration.ofMinutes(1));
        assertThat(out.stdout()).contains("ONLY_THIS=yes").doesNotContain("HOME=");
    }

    @Test
    void run_overTimeout_killedAndMarked() {
        CommandRunner.ProcessOutput out = runner.run(List.of("sh", "-c", "sleep 60 & wait"), dir, env,
                Duration.ofMillis(300));
        assertThat(out.timedOut()).isTrue();
        assertThat(out.exitCode()).isEqualTo(-1);
    }
}
