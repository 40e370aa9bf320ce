package dev.pullthrough.hook;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/** Main class of the hook jar: {@code java -jar pullthrough-hook.jar start|stop|status ...}. */
public final class HookMain {
    private HookMain() {
    }

    public static void main(String[] args) throws Exception {
        Console.system().trace("main " + (args.length > 0 ? args[0] : ""));
        if (args.length > 1 && args[0].equals("proxy") && !args[1].startsWith("-h") && !args[1].equals("--help")) {
            System.exit(ProxyCommand.runDirect(args));
        }
        System.exit(run(args));
    }

    /**
     * Runs one hook command; returns its exit code. {@code start} in its plain forms skips picocli ({@link StartArgs}:
     * the same fields, the same error report), every other command line goes through it.
     */
    static int run(String[] args) {
        Optional<StartCommand> start = StartArgs.parse(args);
        if (start.isEmpty()) {
            return commandLine().execute(args);
        }
        try {
            return start.get().call();
        } catch (Exception e) {
            return new ShortErrorHandler(x -> false).report(e, "start", new PrintWriter(System.err, true), false);
        }
    }

    /**
     * The {@code hook} command line with the CLI's error handling: usage errors exit 2, one line per failure,
     * {@code --stacktrace} (on every subcommand) for the trace, an unexpected exception exits 70.
     */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new HookCommand()).setCommandName("pullthrough-hook");
        cmd.getCommandSpec().addOption(OptionSpec.builder(ShortErrorHandler.STACKTRACE).arity("0").type(boolean.class)
                .scopeType(ScopeType.INHERIT).description("print the full stack trace of a failure").build());
        cmd.setExecutionExceptionHandler(new ShortErrorHandler(e -> false));
        return cmd;
    }
}
