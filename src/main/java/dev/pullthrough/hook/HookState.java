package dev.pullthrough.hook;

import java.util.ArrayList;
import java.util.List;

/**
 * What a running hook has done, saved as {@code state.json} (mode 0600) in the state directory after every step, so
 * that {@code stop} (or a failed {@code start}) can undo exactly that. Never holds the token.
 *
 * @param registry the upstream registry URL
 * @param listen the address the mirror is bound to
 * @param dockerPidFile the pid file of the dockerd that was reloaded, null if none was
 * @param dockerHubPrefix the Docker Hub route's prefix, null when Docker Hub is not mirrored
 * @param changes files changed, in order
 * @param upstreams the upstreams the mirror serves (after start's checks), for {@code status} and {@code verify}
 */
public record HookState(int version, String registry, String listen, String dockerHubPrefix, String dockerPidFile,
        List<FileChange> changes, List<HookUpstream> upstreams) {
    public static final int VERSION = 1;

    public HookState {
        changes = changes == null ? new ArrayList<>() : new ArrayList<>(changes);
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
    }

    public static HookState begin(String registry, String listen, String dockerHubPrefix) {
        return new HookState(VERSION, registry, listen, dockerHubPrefix, null, new ArrayList<>(), List.of());
    }

    HookState withUpstreams(List<HookUpstream> served) {
        return new HookState(version, registry, listen, dockerHubPrefix, dockerPidFile, changes, served);
    }

    HookState withListen(String boundListen) {
        return new HookState(version, registry, boundListen, dockerHubPrefix, dockerPidFile, changes, upstreams);
    }

    HookState withDockerPidFile(String pidFile) {
        return new HookState(version, registry, listen, dockerHubPrefix, pidFile, changes, upstreams);
    }

    HookState with(FileChange change) {
        List<FileChange> all = new ArrayList<>(changes);
        all.add(change);
        return new HookState(version, registry, listen, dockerHubPrefix, dockerPidFile, all, upstreams);
    }
}
