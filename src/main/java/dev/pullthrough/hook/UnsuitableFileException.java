package dev.pullthrough.hook;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** A path the hook would read is not a file it can safely read (a FIFO, a device, something huge). */
public final class UnsuitableFileException extends FileSystemException {
    public UnsuitableFileException(Path path, String reason) {
        super(path.toString(), null, reason);
    }

    /** {@code <path> <reason>}: one line naming the file and what is wrong. */
    @Override
    public String getMessage() {
        return getFile() + " " + getReason();
    }
}
