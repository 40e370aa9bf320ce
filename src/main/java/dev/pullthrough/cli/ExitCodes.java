package dev.pullthrough.cli;

/** Exit codes scripts rely on (docs/ARCHITECTURE.md, "Exit codes"). */
final class ExitCodes {
    private ExitCodes() {
    }

    static final int OK = 0;
    /** The input was read and is wrong: invalid rules, no rule for an image. */
    static final int INVALID = 1;
    /** The input could not be used at all: unreadable file, malformed JSON, wrong shape, bad flags. */
    static final int UNUSABLE = 2;
}
