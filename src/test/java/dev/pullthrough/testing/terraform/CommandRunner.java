package dev.pullthrough.testing.terraform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs one process to completion. The harness uses a real one; its own tests use a scripted fake. */
@FunctionalInterface
public interface CommandRunner {
    ProcessOutput run(List<String> command, Path workingDir, Map<String, String> environment, Duration timeout);

    /** What a finished (or timed-out) process produced. */
    record ProcessOutput(int exitCode, String stdout, String stderr, boolean timedOut) {
        public static ProcessOutput ok(String stdout) {
            return new ProcessOutput(0, stdout, "", false);
        }

        public static ProcessOutput failed(int exitCode, String stderr) {
            return new ProcessOutput(exitCode, "", stderr, false);
        }
    }
}
