package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A stand-in dockerd for unit tests: a copy of {@code sh} named {@code dockerd}, so its comm and exe say dockerd. */
final class FakeDockerd {
    private FakeDockerd() {
    }

    /** Copies /bin/sh to {@code dir/dockerd} (a copy, not a link: /proc/PID/exe then names it too). */
    static Path shell(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path copy = dir.resolve(DockerDaemon.NAME);
        if (!Files.exists(copy)) {
            Files.copy(Path.of("/bin/sh"), copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return copy;
    }
}
