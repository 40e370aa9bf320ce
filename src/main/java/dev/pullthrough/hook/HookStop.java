package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code hook stop}: puts every changed file back to the bytes it had (deleting files the hook created), reloads
 * dockerd, stops the mirror and removes the state. Safe to run when nothing was started.
 */
public final class HookStop {
    private final StateDir dir;
    private final Console console;
    private final boolean strict;

    public HookStop(StateDir dir, Console console, boolean strict) {
        this.dir = dir;
        this.console = console;
        this.strict = strict;
    }

    public int run() {
        if (!java.nio.file.Files.isDirectory(dir.path())) {
            console.info("nothing to stop (no state in " + dir.path() + ")");
            return 0;
        }
        try (StateLock lock = StateLock.acquire(dir)) {
            boolean ok = stopQuietly();
            return ok || !strict ? 0 : HookStart.EXIT_FAILED;
        } catch (IOException e) {
            console.warn("cannot use state directory " + dir.path() + ": " + e.getMessage());
            return strict ? HookStart.EXIT_FAILED : 0;
        }
    }

    /** Stops without taking the lock (the caller holds it). Returns whether everything was restored exactly. */
    boolean stopQuietly() {
        Optional<HookState> state;
        try {
            state = dir.readState();
        } catch (IOException e) {
            console.warn("cannot read " + dir.stateFile() + ": " + e.getMessage());
            ProxyProcess.stop(dir, Duration.ofSeconds(5));
            return false;
        }
        boolean exact = true;
        boolean failed = false;
        if (state.isPresent()) {
            ChangeJournal.UndoResult result = ChangeJournal.undo(dir, state.get(), console::warn,
                    new DaemonMirrorsReset(state.get(), console::warn));
            exact = result.exact();
            failed = result.failed();
            boolean daemonChanged = state.get().changes().stream().anyMatch(c -> c.kind() == ConfigFileKind.DAEMON_JSON);
            if (daemonChanged && state.get().dockerPidFile() != null) {
                try {
                    new DockerDaemon(Path.of(state.get().dockerPidFile())).reload();
                } catch (HookException e) {
                    console.warn(e.getMessage() + " (the restored daemon.json applies at its next start)");
                }
            }
        }
        console.trace("files restored");
        boolean stopped = ProxyProcess.stop(dir, Duration.ofSeconds(5));
        console.trace("mirror stopped");
        if (!failed) {
            try {
                dir.clear();
            } catch (IOException e) {
                console.warn("cannot clear " + dir.path() + ": " + e.getMessage());
            }
        }
        if (state.isPresent() || stopped) {
            console.info("stopped" + (state.isPresent() ? "; restored " + state.get().changes().size() + " file(s)" : "")
                    + (exact ? "" : " (see warnings)"));
        } else {
            console.info("nothing to stop");
        }
        return exact && !failed;
    }
}
