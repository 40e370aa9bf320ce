package dev.pullthrough.hook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The mirror's log: one timestamped line per event, appended to {@code proxy.log}. The state directory is usually on
 * tmpfs (/run), so the log rotates once it passes {@code maxBytes}: {@code proxy.log} becomes {@code proxy.log.1}
 * (replacing the previous one) and a new file starts. At most twice {@code maxBytes} of memory, however long the
 * runner lives.
 */
final class ProxyLog implements Consumer<String>, AutoCloseable {
    static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    private final Path file;
    private final long maxBytes;
    private OutputStream out;
    private long size;

    ProxyLog(Path file, long maxBytes) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        open();
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        size = Files.size(file);
    }

    @Override
    public synchronized void accept(String line) {
        byte[] bytes = (Instant.now() + " " + line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (size + bytes.length > maxBytes && size > 0) {
                out.close();
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
                open();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
        } catch (IOException e) {
            System.err.println("proxy log: " + e.getMessage() + ": " + line);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
