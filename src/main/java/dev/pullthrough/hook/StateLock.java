package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Serialises start and stop on one state directory (two hooks racing would journal over each other). */
final class StateLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StateLock acquire(StateDir dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.lockFile(), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_ONLY));
        return new StateLock(ch, ch.lock());
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
