package dev.pullthrough.testing.docker;

/**
 * A program the end-to-end tests start is not installed. This is a test failure, never a skip: CI must install it
 * through bin/setup-test-env.
 */
public final class MissingToolException extends RuntimeException {
    private final String tool;

    public MissingToolException(String tool, String aptPackage) {
        super("`" + tool + "` is not installed; run bin/setup-test-env (it does `apt-get install " + aptPackage + "`)");
        this.tool = tool;
    }

    public String tool() {
        return tool;
    }
}
