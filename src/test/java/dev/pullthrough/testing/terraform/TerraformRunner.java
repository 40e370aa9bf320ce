package dev.pullthrough.testing.terraform;

import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the harness runs one terraform process: {@link #REAL} with the project's one process runner; the harness's own
 * tests use a scripted fake ({@code ScriptedRunner}) to play transient errors and retries.
 */
@FunctionalInterface
public interface TerraformRunner {
    ProcessResult run(List<String> command, Path workingDir, Map<String, String> environment, Duration timeout);

    /** A real process with exactly the given environment, no stdin; its whole tree is killed on timeout. */
    TerraformRunner REAL = (command, workingDir, environment, timeout) -> {
        try {
            return ProcessRunner.withExactEnvironment(environment).inDirectory(workingDir).withTimeout(timeout)
                    .run(command);
        } catch (UncheckedIOException e) {
            throw new TerraformNotFoundException(command.get(0), e.getCause().getMessage());
        }
    };
}
