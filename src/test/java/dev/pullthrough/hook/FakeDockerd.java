package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

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

    /**
     * The command that runs {@code script} in the fake dockerd with SIGHUP at its default action. A test JVM started
     * under {@code nohup} (or any parent that ignores SIGHUP) passes the ignored disposition on, and a shell cannot
     * trap a signal that was ignored when it started (POSIX): its {@code trap ... HUP} would then be silently void and
     * no reload would ever be recorded. {@code env --default-signal} resets it and execs the shell, so the process's
     * exe and comm are still the copy named dockerd.
     */
    static List<String> command(Path dir, String script) throws IOException {
        return List.of("env", "--default-signal=HUP", shell(dir).toString(), "-c", script);
    }
}
