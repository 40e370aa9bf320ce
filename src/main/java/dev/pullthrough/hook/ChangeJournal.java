package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Changes user files one at a time and records each in the state file before moving on, so that whatever happens
 * (a later step fails, the process is killed) {@link #undo} can put back the exact original bytes.
 */
public final class ChangeJournal {
    private final StateDir dir;
    private HookState state;

    public ChangeJournal(StateDir dir, HookState state) {
        this.dir = dir;
        this.state = state;
    }

    public HookState state() {
        return state;
    }

    public void update(HookState newState) throws IOException {
        state = newState;
        dir.writeState(state);
    }

    /**
     * Writes {@code bytes} to {@code path} unless it already holds them. The original is copied into the state
     * directory first.
     *
     * @param mode the mode to give the file, or null to keep an existing file's mode
     * @return whether the file was changed
     */
    public boolean apply(ConfigFileKind kind, Path path, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        Optional<byte[]> original = AtomicFiles.read(path);
        if (original.isPresent() && java.util.Arrays.equals(original.get(), bytes)) {
            return false;
        }
        String backup = null;
        String originalMode = null;
        if (original.isPresent()) {
            backup = "originals/" + (state.changes().size() + 1) + "-" + path.getFileName();
            AtomicFiles.write(dir.path().resolve(backup), original.get(), AtomicFiles.OWNER_ONLY);
            originalMode = FileMode.of(path).toString();
        }
        List<String> created = missingDirs(path.toAbsolutePath().getParent());
        FileChange change = new FileChange(kind, path.toString(), original.isPresent(), backup, originalMode,
                sha256(bytes), created);
        // Record first: if the write or anything after it fails, undo knows about this file.
        update(state.with(change));
        // Directories for a file that holds a credential are private, like the Docker CLI's own ~/.docker.
        AtomicFiles.createDirectories(created.stream().map(Path::of).toList(),
                AtomicFiles.OWNER_ONLY.equals(mode) ? PosixFilePermissions.fromString("rwx------") : null);
        AtomicFiles.write(path, bytes, mode);
        return true;
    }

    /**
     * Restores every recorded file, last first. A file someone else changed since the hook wrote it is left alone
     * (with a warning), except Docker's config.json, where only the hook's login entry is removed.
     *
     * @return whether every file is back to its original bytes, and whether some could not be written at all
     */
    public static UndoResult undo(StateDir dir, HookState state, Consumer<String> warn) {
        return undo(dir, state, warn, (change, original) -> { });
    }

    /** Runs just before a file the hook wrote gets its original bytes back (see {@link DaemonMirrorsReset}). */
    @FunctionalInterface
    public interface BeforeRestore {
        void accept(FileChange change, Optional<byte[]> original) throws IOException, HookException;
    }

    public static UndoResult undo(StateDir dir, HookState state, Consumer<String> warn, BeforeRestore beforeRestore) {
        boolean exact = true;
        boolean failed = false;
        List<FileChange> changes = new ArrayList<>(state.changes());
        java.util.Collections.reverse(changes);
        for (FileChange c : changes) {
            Path path = Path.of(c.path());
            try {
                Optional<byte[]> current = AtomicFiles.read(path);
                Optional<byte[]> original = c.existed()
                        ? Optional.of(Files.readAllBytes(dir.path().resolve(c.backup()))) : Optional.empty();
                // Already as it was when the write never happened (it failed, or start stopped before it).
                boolean untouched = current.isPresent() == original.isPresent()
                        && (current.isEmpty() || java.util.Arrays.equals(current.get(), original.get()));
                if (untouched) {
                    removeCreatedDirs(c);
                    continue;
                }
                if (current.isEmpty()) {
                    warn.accept(c.path() + " was removed after the hook wrote it; left as it is");
                    exact = false;
                } else if (!sha256(current.get()).equals(c.writtenSha256())
                        && !isOwnRefreshedLogin(dir, state, c, current.get())) {
                    exact = false;
                    if (c.kind() == ConfigFileKind.DOCKER_CONFIG && state.registry() != null) {
                        String host = RegistryEndpoint.parse(state.registry()).authority();
                        AtomicFiles.write(path, DockerConfigLogin.remove(current.get(), host), AtomicFiles.KEEP_MODE);
                        warn.accept(c.path() + " changed after the hook wrote it; removed only the hook's login for "
                                + host);
                    } else {
                        warn.accept(c.path() + " changed after the hook wrote it; left as it is");
                    }
                } else if (original.isPresent()) {
                    beforeRestore.accept(c, original);
                    AtomicFiles.write(path, original.get(), c.mode() == null ? null : FileMode.parse(c.mode()));
                } else {
                    beforeRestore.accept(c, original);
                    Files.deleteIfExists(path);
                }
                removeCreatedDirs(c);
            } catch (IOException | HookException | RuntimeException e) {
                exact = false;
                failed = true;
                warn.accept("could not restore " + c.path() + ": " + e.getMessage()
                        + (c.backup() == null ? "" : " (original bytes kept in " + dir.path().resolve(c.backup()) + ")"));
            }
        }
        return new UndoResult(exact, failed);
    }

    private static void removeCreatedDirs(FileChange c) throws IOException {
        List<String> dirs = new ArrayList<>(c.createdDirs());
        java.util.Collections.reverse(dirs);
        for (String d : dirs) {
            try {
                Files.deleteIfExists(Path.of(d));
            } catch (DirectoryNotEmptyException e) {
                break; // someone put something there; keep it
            }
        }
    }

    /** {@code exact}: all files hold their original bytes; {@code failed}: a write failed (state is kept to retry). */
    public record UndoResult(boolean exact, boolean failed) {
    }

    /**
     * The mirror replaces its login in config.json on each token refresh; the file then differs from what start wrote
     * only by the token. It is still the hook's own file when merging the current token into the original gives
     * exactly these bytes.
     */
    private static boolean isOwnRefreshedLogin(StateDir dir, HookState state, FileChange c, byte[] current) {
        if (c.kind() != ConfigFileKind.DOCKER_CONFIG || state.registry() == null) {
            return false;
        }
        try {
            String host = RegistryEndpoint.parse(state.registry()).authority();
            Optional<String> auth = DockerConfigLogin.auth(current, host);
            if (auth.isEmpty()) {
                return false;
            }
            byte[] original = c.backup() == null ? null : Files.readAllBytes(dir.path().resolve(c.backup()));
            return java.util.Arrays.equals(DockerConfigLogin.merge(original, host, auth.get()), current);
        } catch (IOException | HookException | RuntimeException e) {
            return false;
        }
    }

    private static List<String> missingDirs(Path dir) {
        List<String> missing = new ArrayList<>();
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            missing.add(0, p.toString());
            p = p.getParent();
        }
        return missing;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
