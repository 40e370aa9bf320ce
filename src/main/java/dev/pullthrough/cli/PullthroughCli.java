package dev.pullthrough.cli;

import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.hook.HookCommand;
import dev.pullthrough.hook.ShortErrorHandler;
import dev.pullthrough.model.InvalidCoordinatesException;
import dev.pullthrough.model.InvalidImageReferenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "pullthrough", mixinStandardHelpOptions = true, version = "pullthrough 0.1.0",
        description = "ECR pull-through caches for CI runner fleets: modules, policies, and the runner hook.",
        subcommands = {SynthCommand.class, ValidateCommand.class, PolicyCommand.class, MirrorRefCommand.class, ImagesCommand.class,
            HookCommand.class})
public final class PullthroughCli {
    @Option(names = ShortErrorHandler.STACKTRACE, scope = ScopeType.INHERIT, description = "print the full stack trace of a failure")
    boolean stacktrace;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new PullthroughCli());
        cmd.setExecutionExceptionHandler(new ShortErrorHandler(e -> e instanceof RulesFileException
                || e instanceof InvalidCoordinatesException || e instanceof InvalidImageReferenceException));
        return cmd;
    }
}
