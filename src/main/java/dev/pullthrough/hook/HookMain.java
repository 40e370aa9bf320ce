package dev.pullthrough.hook;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/** Main class of the hook jar: {@code java -jar pullthrough-hook.jar start|stop|status ...}. */
public final class HookMain {
    private HookMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[0].equals("proxy") && !args[1].startsWith("-h") && !args[1].equals("--help")) {
            System.exit(ProxyCommand.runDirect(args));
        }
        System.exit(commandLine().execute(args));
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
