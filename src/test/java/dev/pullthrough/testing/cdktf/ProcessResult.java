package dev.pullthrough.testing.cdktf;

/** Exit code and captured output of a finished child process. */
public record ProcessResult(int exitCode, String stdout, String stderr) {
    public String describe() {
        return "exit " + exitCode + "\n--- stderr\n" + stderr + "\n--- stdout\n" + stdout;
    }
}
