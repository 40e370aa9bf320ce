package dev.pullthrough.cli;

import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.model.InvalidCoordinatesException;
import dev.pullthrough.model.InvalidImageReferenceException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints one line per failure by default, the full trace with {@code --stacktrace}. Input the user can fix exits
 * {@link ExitCodes#UNUSABLE}; anything else is a bug and says so.
 */
final class ShortErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        boolean trace = cmd.getCommandSpec().root().userObject() instanceof PullthroughCli root && root.stacktrace;
        if (trace) {
            e.printStackTrace(cmd.getErr());
        }
        boolean userError = e instanceof RulesFileException || e instanceof InvalidCoordinatesException
                || e instanceof InvalidImageReferenceException || e instanceof java.io.UncheckedIOException
                || e instanceof java.io.IOException;
        String name = cmd.getCommandName();
        cmd.getErr().println(name + ": " + (userError ? "" : "internal error: ") + e.getMessage()
                + (trace ? "" : "  (--stacktrace for details)"));
        return userError ? ExitCodes.UNUSABLE : 3;
    }
}
