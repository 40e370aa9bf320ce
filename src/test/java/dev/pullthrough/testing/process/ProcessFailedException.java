package dev.pullthrough.testing.process;

/** An external command that a test or a set-up step relies on exited non-zero (or timed out). */
public final class ProcessFailedException extends RuntimeException {
    private final transient ProcessResult result;

    public ProcessFailedException(ProcessResult result) {
        super(result.toString());
        this.result = result;
    }

    public ProcessResult result() {
        return result;
    }
}
