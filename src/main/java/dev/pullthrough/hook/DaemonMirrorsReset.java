package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Before daemon.json gets its original bytes back: when the original has no {@code registry-mirrors} key, loads the
 * original with an explicit empty list first and waits until dockerd has read it. dockerd 20.10 keeps the mirrors it
 * has when a reloaded file does not name them, so without this the stopped proxy's address would stay configured.
 */
final class DaemonMirrorsReset implements ChangeJournal.BeforeRestore {
    private final HookState state;
    private final Consumer<String> warn;

    DaemonMirrorsReset(HookState state, Consumer<String> warn) {
        this.state = state;
        this.warn = warn;
    }

    @Override
    public void accept(FileChange change, Optional<byte[]> original) throws IOException, HookException {
        if (change.kind() != ConfigFileKind.DAEMON_JSON || state.dockerPidFile() == null) {
            return;
        }
        Optional<byte[]> clearing = DaemonJsonMerger.clearingMirrors(original.orElse(null));
        if (clearing.isEmpty()) {
            return;
        }
        Path file = Path.of(change.path());
        AtomicFiles.write(file, clearing.get(), AtomicFiles.KEEP_MODE);
        try {
            if (!new DockerDaemon(Path.of(state.dockerPidFile())).reloadAndAwaitRead(file)) {
                warn.accept("could not see dockerd read " + file + " after its reload; its mirror list may still name"
                        + " the stopped mirror until dockerd restarts");
            }
        } catch (HookException e) {
            warn.accept(e.getMessage());
        }
    }
}
