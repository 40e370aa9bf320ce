package dev.pullthrough.hook;

/**
 * The one table of exit codes, for the CLI and the hook jar alike (docs/ARCHITECTURE.md, "Exit codes"). It lives in
 * the hook layer because the hook jar cannot see the CLI; the CLI uses it from here.
 */
public final class ExitCodes {
    private ExitCodes() {
    }

    public static final int OK = 0;
    /** The input was read and is wrong (invalid rules, no rule for an image), or a --strict hook command failed. */
    public static final int INVALID = 1;
    /** The input could not be used at all: unreadable file, malformed JSON, wrong shape, bad flags (picocli's too). */
    public static final int UNUSABLE = 2;
    /** {@code hook status}: the mirror is not running. */
    public static final int MIRROR_DOWN = 3;
    /** A bug: an exception nobody expected (sysexits' EX_SOFTWARE). */
    public static final int INTERNAL_ERROR = 70;
}
