package dev.pullthrough.testing.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A private temp directory with a short path, under /tmp rather than the build's tmpdir: dockerd and containerd put
 * unix sockets several levels below it and a socket path may not exceed 108 bytes.
 */
public final class ScratchDir implements AutoCloseable {
    private static final Path BASE = Path.of("/tmp");
    private final Path path;

    private ScratchDir(Path path) {
        this.path = path;
    }

    /** Creates /tmp/ptd-XXXX (mode 0700). */
    public static ScratchDir create() {
        try {
            return new ScratchDir(Files.createTempDirectory(BASE, "ptd-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch dir under " + BASE, e);
        }
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** A sub-directory, created if needed. */
    public Path directory(String name) {
        try {
            return Files.createDirectories(path.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path.resolve(name), e);
        }
    }

    /**
     * Deletes everything, making read-only entries (left by fail-open tests) writable first. With
     * {@code PT_KEEP_SCRATCH=1} in the environment the directory is kept, to read the daemons' logs after a failure.
     */
    @Override
    public void close() {
        if ("1".equals(System.getenv("PT_KEEP_SCRATCH"))) {
            System.err.println("[harness] keeping " + path);
            return;
        }
        deleteRecursively(path);
    }

    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dir.toFile().setWritable(true, true);
                    dir.toFile().setExecutable(true, true);
                    dir.toFile().setReadable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
