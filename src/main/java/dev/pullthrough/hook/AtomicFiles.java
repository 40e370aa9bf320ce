package dev.pullthrough.hook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
    /** For {@link #write}: keep the existing file's mode. */
    public static final FileMode KEEP_MODE = null;
    /** Larger files are refused: the configs the hook edits are a few KiB. */
    public static final int MAX_READ = 4 << 20;

    private AtomicFiles() {
    }

    /**
     * The file's bytes, or empty when it does not exist. Only a regular file of at most {@link #MAX_READ} bytes is
     * read: a link to {@code /dev/zero} would otherwise fill the heap, and opening a FIFO would wait for a writer
     * forever.
     *
     * @throws UnsuitableFileException the path is a FIFO, device, socket or directory, or is too large
     */
    public static Optional<byte[]> read(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            throw new UnsuitableFileException(path, "is " + describeType(path, attributes)
                    + ", not a regular file; the hook only edits regular files (point the flag at the real file)");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_READ + 1);
            if (bytes.length > MAX_READ) {
                throw new UnsuitableFileException(path, "is larger than " + (MAX_READ >> 20)
                        + " MiB, too large for a configuration file; the hook leaves it alone");
            }
            return Optional.of(bytes);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String describeType(Path path, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            return switch ((Integer) Files.getAttribute(path, "unix:mode") & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | RuntimeException e) {
            return "a special file";
        }
    }

    /**
     * @param permissions the new file's mode; null keeps an existing file's mode (and uses {@link #DEFAULT_CONFIG}
     *     for a new one)
     */
    public static void write(Path path, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        write(path, bytes, permissions == null ? null : FileMode.of(permissions));
    }

    /**
     * @param mode the new file's mode, setuid/setgid/sticky included; null keeps an existing file's whole mode (and
     *     uses {@link #DEFAULT_CONFIG} for a new one)
     */
    public static void write(Path path, byte[] bytes, FileMode mode) throws IOException {
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
        FileMode newMode = mode != null ? mode
                : existing.isPresent() ? FileMode.of(target) : FileMode.of(DEFAULT_CONFIG);
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
            // After the owner: changing the owner clears setuid and setgid. "unix:mode" sets all twelve bits.
            Files.setAttribute(tmp, "unix:mode", newMode.bits(), LinkOption.NOFOLLOW_LINKS);
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
