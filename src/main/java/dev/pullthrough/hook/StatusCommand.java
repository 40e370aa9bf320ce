package dev.pullthrough.hook;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hook status}: see docs/HOOK.md. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Say whether the mirror is up and how many requests it served and forwarded (exit 0 up, 3 down).")
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--state-dir", paramLabel = "DIR", description = "Hook state (as given to start).")
    String stateDir;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        StateDir dir = new StateDir(StartSettings.stateDir(stateDir, System.getenv()));
        return new HookStatus(dir, Console.system()).run(json);
    }
}
