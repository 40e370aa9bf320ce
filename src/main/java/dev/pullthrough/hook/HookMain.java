package dev.pullthrough.hook;

import picocli.CommandLine;

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

    /** The {@code hook} command line; usage errors exit 2. */
    public static CommandLine commandLine() {
        return new CommandLine(new HookCommand()).setCommandName("pullthrough-hook");
    }
}
