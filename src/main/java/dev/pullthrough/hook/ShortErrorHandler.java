package dev.pullthrough.hook;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * One line per failure on stderr ({@code <command>: <message>}), the full trace with {@code --stacktrace}. Input the
 * user can fix exits {@link ExitCodes#UNUSABLE}; anything else is a bug, says so and exits
 * {@link ExitCodes#INTERNAL_ERROR}. Used by the CLI and by the hook jar, so both behave the same.
 */
public final class ShortErrorHandler implements IExecutionExceptionHandler {
    public static final String STACKTRACE = "--stacktrace";
    private final Predicate<Exception> userError;

    /** {@code userError}: the exceptions (besides I/O and the hook's own) that mean bad input, not a bug. */
    public ShortErrorHandler(Predicate<Exception> userError) {
        this.userError = userError;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        return report(e, cmd.getCommandName(), cmd.getErr(), stacktraceRequested(parsed));
    }

    /** The same report for a command run without picocli ({@link StartArgs}); returns the exit code. */
    int report(Exception e, String command, PrintWriter err, boolean trace) {
        if (trace) {
            e.printStackTrace(err);
        }
        boolean user = e instanceof HookException || e instanceof IOException || e instanceof UncheckedIOException
                || userError.test(e);
        err.println(command + ": " + (user ? "" : "internal error: ") + e.getMessage()
                + (trace ? "" : "  (" + STACKTRACE + " for details)"));
        err.flush();
        return user ? ExitCodes.UNUSABLE : ExitCodes.INTERNAL_ERROR;
    }

    private static boolean stacktraceRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(STACKTRACE)) {
                return true;
            }
        }
        return false;
    }
}
