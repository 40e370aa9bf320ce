package dev.pullthrough.hook;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hook stop}: see docs/HOOK.md. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Restore every file the hook changed to its original bytes, reload dockerd, stop the mirror.")
public final class StopCommand implements Callable<Integer> {
    @Option(names = "--state-dir", paramLabel = "DIR", description = "Hook state (as given to start).")
    String stateDir;
    @Option(names = "--strict", description = "Exit 1 when a file could not be restored exactly.")
    boolean strict;

    @Override
    public Integer call() {
        StateDir dir = new StateDir(StartSettings.stateDir(stateDir, System.getenv()));
        return new HookStop(dir, Console.system(), strict).run();
    }
}
