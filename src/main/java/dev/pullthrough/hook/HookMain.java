package dev.pullthrough.hook;

import picocli.CommandLine;

/** Main class of the hook jar: {@code java -jar pullthrough-hook.jar start|stop|status ...}. */
public final class HookMain {
    private HookMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The {@code hook} command line; usage errors exit 2. */
    public static CommandLine commandLine() {
        return new CommandLine(new HookCommand()).setCommandName("pullthrough-hook");
    }
}
