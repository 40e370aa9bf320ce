package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;

/**
 * Writes files so that a reader sees either the old or the new bytes, never half a file: a temp file in the same
 * directory, flushed to disk, then renamed over the target. A symbolic link is followed (its target is replaced),
 * and an existing file keeps its owner and permissions unless others are asked for.
 */
public final class AtomicFiles {
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DEFAULT_CONFIG = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {
    }

    /** The file's bytes, or empty when it does not exist. */
    public static Optional<byte[]> read(Path path) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * @param permissions the new file's mode; null keeps an existing file's mode (and uses {@link #DEFAULT_CONFIG}
     *     for a new one)
     */
    public static void write(Path path, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        Path target = path;
        if (Files.isSymbolicLink(path)) {
            // Following a link someone else planted would let them aim a root-owned write anywhere.
            String linkOwner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
            if (!linkOwner.equals(System.getProperty("user.name"))) {
                throw new IOException("not following " + path + ": a symbolic link owned by " + linkOwner);
            }
            target = path.toRealPath();
        }
        Path dir = target.toAbsolutePath().getParent();
        Optional<PosixFileAttributes> existing = attributes(target);
        Set<PosixFilePermission> mode = permissions != null ? permissions
                : existing.map(PosixFileAttributes::permissions).orElse(DEFAULT_CONFIG);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".pullthrough-tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            // A new file belongs to whoever owns its directory (root writing ~runner/.docker/config.json must leave
            // a file the runner's docker CLI can read); an existing one keeps its owner.
            Optional<PosixFileAttributes> owner = existing.isPresent() ? existing : attributes(dir);
            if (owner.isPresent()) {
                copyOwner(owner.get(), tmp);
            }
            Files.getFileAttributeView(tmp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates the missing directories of {@code dirs} (outermost first), each owned like the directory it is created
     * in, with {@code mode} (null: the umask's default).
     */
    static void createDirectories(java.util.List<Path> dirs, Set<PosixFilePermission> mode) throws IOException {
        for (Path d : dirs) {
            if (Files.isDirectory(d)) {
                continue;
            }
            Files.createDirectory(d);
            Optional<PosixFileAttributes> parent = attributes(d.toAbsolutePath().getParent());
            if (parent.isPresent()) {
                copyOwner(parent.get(), d);
            }
            if (mode != null) {
                Files.setPosixFilePermissions(d, mode);
            }
        }
    }

    static Optional<PosixFileAttributes> attributes(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, PosixFileAttributes.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void copyOwner(PosixFileAttributes original, Path tmp) {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        UserPrincipal owner = original.owner();
        GroupPrincipal group = original.group();
        try {
            view.setOwner(owner);
        } catch (IOException | SecurityException ignored) {
            // Not root: the file then belongs to whoever runs the hook, who could write the original anyway.
        }
        try {
            view.setGroup(group);
        } catch (IOException | SecurityException ignored) {
            // As above.
        }
    }
}
