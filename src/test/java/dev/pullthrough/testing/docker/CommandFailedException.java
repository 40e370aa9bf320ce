package dev.pullthrough.testing.docker;

/** An external command that a test set-up step relies on exited non-zero. */
public final class CommandFailedException extends RuntimeException {
    private final transient CommandResult result;

    public CommandFailedException(CommandResult result) {
        super(result.toString());
        this.result = result;
    }

    public CommandResult result() {
        return result;
    }
}
