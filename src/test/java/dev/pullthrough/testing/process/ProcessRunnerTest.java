package dev.pullthrough.testing.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    @TempDir
    Path dir;
    private final ProcessRunner exact = ProcessRunner.withExactEnvironment(Map.of("PATH", "/usr/bin:/bin", "ONLY_THIS", "yes"));

    @Test
    void run_bothStreamsBeyondPipeBuffer_drainedCompletely() {
        // 256 KiB on each stream: more than a pipe holds, so sequential draining would dead-lock.
        ProcessResult out = exact.inDirectory(dir).withTimeout(Duration.ofMinutes(1)).run(List.of("sh", "-c",
                "head -c 262144 /dev/zero; head -c 262144 /dev/zero >&2; exit 3"));
        assertThat(out.exitCode()).isEqualTo(3);
        assertThat(out.stdout()).hasSize(262144);
        assertThat(out.stderr()).hasSize(262144);
        assertThat(out.timedOut()).isFalse();
        assertThat(out.succeeded()).isFalse();
    }

    @Test
    void run_exactEnvironment_onlyTheGivenVariables() {
        ProcessResult out = exact.run(List.of("sh", "-c", "env"));
        assertThat(out.stdout()).contains("ONLY_THIS=yes").doesNotContain("HOME=");
    }

    @Test
    void run_inheritingEnvironment_keepsThisJvmsAndAddsTheExtra() {
        ProcessResult out = ProcessRunner.inheritingEnvironment().withEnvironment(Map.of("EXTRA", "1"))
                .run(List.of("sh", "-c", "env"));
        assertThat(out.stdout()).contains("EXTRA=1").contains("PATH=" + System.getenv("PATH"));
    }

    @Test
    void run_stdinAndWorkingDirectory_given() {
        ProcessResult out = exact.inDirectory(dir).run(List.of("sh", "-c", "pwd; cat"),
                "from stdin".getBytes(StandardCharsets.UTF_8));
        assertThat(out.requireSuccess().stdout()).isEqualTo(dir + "\nfrom stdin");
    }

    @Test
    void run_overTimeout_wholeTreeKilledAndMarked() {
        ProcessResult out = exact.withTimeout(Duration.ofMillis(300)).run(List.of("sh", "-c", "sleep 60 & wait"));
        assertThat(out.timedOut()).isTrue();
        assertThat(out.exitCode()).isEqualTo(ProcessResult.KILLED_EXIT_CODE);
        assertThatThrownBy(out::requireSuccess).isInstanceOf(ProcessFailedException.class).hasMessageContaining("timed out");
    }

    @Test
    void run_missingExecutable_saysWhichCommand() {
        assertThatThrownBy(() -> exact.run(List.of("/nonexistent/tool", "x"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("/nonexistent/tool");
    }
}
