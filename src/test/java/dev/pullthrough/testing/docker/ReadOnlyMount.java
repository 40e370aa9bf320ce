package dev.pullthrough.testing.docker;

import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Makes a file or directory read-only for the duration of a test, the way a read-only root or config mount does on
 * a real runner. Root ignores mode bits, so as root it is a read-only bind mount of the path onto itself (a write
 * fails with EROFS, a rename over it with EBUSY); otherwise the write bits are removed.
 */
public final class ReadOnlyMount implements AutoCloseable {
    private final Path path;
    private final boolean mounted;
    private final Set<PosixFilePermission> originalMode;

    private ReadOnlyMount(Path path, boolean mounted, Set<PosixFilePermission> originalMode) {
        this.path = path;
        this.mounted = mounted;
        this.originalMode = originalMode;
    }

    public static ReadOnlyMount of(Path path) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            if (isRoot()) {
                ProcessRunner run = ProcessRunner.inheritingEnvironment().withTimeout(Duration.ofSeconds(10));
                run.run(List.of("mount", "--bind", path.toString(), path.toString())).requireSuccess();
                ProcessResult remount = run.run(List.of("mount", "-o", "remount,bind,ro", path.toString()));
                if (!remount.succeeded()) {
                    run.run(List.of("umount", path.toString()));
                    remount.requireSuccess();
                }
                return new ReadOnlyMount(path, true, mode);
            }
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "r-x------" : "r--------"));
            return new ReadOnlyMount(path, false, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + path + " read-only", e);
        }
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() {
        if (mounted) {
            ProcessRunner.inheritingEnvironment().withTimeout(Duration.ofSeconds(10))
                    .run(List.of("umount", path.toString())).requireSuccess();
        } else {
            try {
                Files.setPosixFilePermissions(path, originalMode);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore the mode of " + path, e);
            }
        }
    }
}
