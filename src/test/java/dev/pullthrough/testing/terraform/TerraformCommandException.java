package dev.pullthrough.testing.terraform;

/** A terraform command failed; carries the result so a caller can look at the diagnostics. */
public final class TerraformCommandException extends RuntimeException {
    private static final int MAX_OUTPUT_CHARS = 8000;
    private final transient TerraformResult result;

    public TerraformCommandException(TerraformResult result) {
        super(describe(result));
        this.result = result;
    }

    public TerraformResult result() {
        return result;
    }

    private static String describe(TerraformResult r) {
        String what = r.timedOut() ? "timed out after " + r.duration().toSeconds() + " s" : "failed with exit code " + r.exitCode();
        // Diagnostics go to stderr; stdout is included only for commands that print plans, never for `output`.
        String output = r.args().contains("output") ? r.stderr() : r.combinedOutput();
        if (output.length() > MAX_OUTPUT_CHARS) {
            output = "..." + output.substring(output.length() - MAX_OUTPUT_CHARS);
        }
        return "[" + r.label() + "] `" + r.command() + "` " + what
                + (r.retries().isEmpty() ? "" : " (after retries: " + r.retries() + ")") + ":\n" + output.strip();
    }
}
