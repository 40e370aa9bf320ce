package dev.pullthrough.testing.terraform;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one harness operation (a terraform sub-command, possibly attempted several times).
 *
 * @param label    the workspace label, e.g. {@code examples/docker-hub}, for messages
 * @param args     terraform's arguments, without the executable
 * @param retries  one entry per failed attempt that was retried, naming the transient error
 * @param skipped  true when the stage was skipped by a PT_SKIP_* variable (then nothing ran)
 */
public record TerraformResult(String label, List<String> args, int exitCode, String stdout, String stderr,
                            boolean timedOut, List<Retry> retries, Duration duration, boolean skipped) {
    public TerraformResult {
        args = List.copyOf(args);
        retries = List.copyOf(retries);
    }

    /** One retried attempt: its exit code and the transient error that justified trying again. */
    public record Retry(int attempt, int exitCode, TransientError cause) {
    }

    static TerraformResult skipped(String label, List<String> args) {
        return new TerraformResult(label, args, 0, "", "", false, List.of(), Duration.ZERO, true);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    public String command() {
        return "terraform " + String.join(" ", args);
    }

    /** stdout followed by stderr: terraform writes diagnostics to either, depending on the command. */
    public String combinedOutput() {
        return stdout + (stdout.isEmpty() || stdout.endsWith("\n") ? "" : "\n") + stderr;
    }

    /** @return this when it succeeded, else throws {@link TerraformCommandException} */
    public TerraformResult orThrow() {
        if (!succeeded()) {
            throw new TerraformCommandException(this);
        }
        return this;
    }

    @Override
    public String toString() {
        // No stdout here: `output -json` can carry sensitive values.
        return "[" + label + "] " + command() + " -> " + (skipped ? "skipped" : timedOut ? "timed out" : "exit " + exitCode)
                + " in " + duration.toMillis() + " ms" + (retries.isEmpty() ? "" : ", retried " + retries);
    }
}
