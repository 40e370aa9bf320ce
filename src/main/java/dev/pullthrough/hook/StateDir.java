package dev.pullthrough.hook;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The hook's own directory (mode 0700): {@code state.json}, originals of changed files under {@code originals/},
 * and the mirror process's {@code proxy.pid}, {@code proxy.addr}, {@code proxy.log} and {@code proxy-stats.json}.
 * See docs/HOOK.md for the file formats.
 */
public final class StateDir {
    private final Path dir;

    public StateDir(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path path() {
        return dir;
    }

    public Path stateFile() {
        return dir.resolve("state.json");
    }

    public Path originals() {
        return dir.resolve("originals");
    }

    public Path pidFile() {
        return dir.resolve("proxy.pid");
    }

    /** The mirror process's start time (epoch ms, as /proc reports it), to tell it from a recycled pid. */
    public Path startedFile() {
        return dir.resolve("proxy.started");
    }

    public Path addrFile() {
        return dir.resolve("proxy.addr");
    }

    public Path logFile() {
        return dir.resolve("proxy.log");
    }

    public Path statsFile() {
        return dir.resolve("proxy-stats.json");
    }

    /** A still-valid token kept between starts ({@link CachedTokenSource}); stop leaves it, a failed start removes it. */
    public Path tokenCacheFile() {
        return dir.resolve("token.json");
    }

    public Path lockFile() {
        return dir.resolve("hook.lock");
    }

    /**
     * Creates the directory (and originals/) with mode 0700. Refuses a directory that is a symbolic link or belongs
     * to another user: it will hold copies of credential files.
     */
    public void create() throws IOException {
        for (Path p : new Path[] {dir, originals()}) {
            if (Files.isSymbolicLink(p)) {
                throw new IOException(p + " is a symbolic link");
            }
            if (!Files.isDirectory(p)) {
                Files.createDirectories(p);
            }
            String owner = Files.getOwner(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName();
            String me = System.getProperty("user.name");
            if (!owner.equals(me)) {
                throw new IOException(p + " belongs to " + owner + ", not " + me);
            }
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        }
    }

    public Optional<HookState> readState() throws IOException {
        Optional<byte[]> bytes = AtomicFiles.read(stateFile());
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(JsonFiles.MAPPER.readValue(bytes.get(), HookState.class));
    }

    public void writeState(HookState state) throws IOException {
        JsonNode tree = JsonFiles.MAPPER.valueToTree(state);
        AtomicFiles.write(stateFile(), JsonFiles.write(tree, "  "), AtomicFiles.OWNER_ONLY);
    }

    /** Removes the state and the originals (after a complete stop or an undone start). Keeps the proxy log. */
    public void clear() throws IOException {
        Files.deleteIfExists(stateFile());
        Files.deleteIfExists(addrFile());
        if (Files.isDirectory(originals())) {
            try (var files = Files.list(originals())) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
