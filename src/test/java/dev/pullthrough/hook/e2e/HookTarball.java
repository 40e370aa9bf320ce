package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.ScratchDir;
import dev.pullthrough.testing.process.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The release tarball ({@code target/pullthrough-hook-<version>-linux-x64.tar.gz}, made by {@code package}) unpacked
 * into a scratch dir once per test JVM, as a runner admin would, and the commands that run its files with no Java
 * reachable: a private mount namespace ({@code unshare -m}) with an empty tmpfs over {@code /usr/lib/jvm}, where every
 * system JDK lives (so {@code /usr/bin/java} dangles), and {@code JAVA_HOME} unset.
 */
final class HookTarball {
    /** Hides the system JDKs, proves no java is left, then runs the rest of the arguments. */
    private static final String WITHOUT_JAVA = "mount -t tmpfs -o size=1m,mode=0755 pt-no-jdk /usr/lib/jvm || exit 98; "
            + "unset JAVA_HOME; if command -v java >/dev/null 2>&1 && java -version >/dev/null 2>&1; then "
            + "echo 'a java is still reachable' >&2; exit 99; fi; exec \"$@\"";
    private static ScratchDir unpacked;
    private static Path home;

    private HookTarball() {
    }

    /** The unpacked {@code pullthrough-hook-<version>/} directory. */
    static synchronized Path home() {
        if (home != null) {
            return home;
        }
        String configured = System.getProperty("pt.hook.tarball");
        Path tarball = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("pt.project.dir", "."), "target", "pullthrough-hook-0.1.0-linux-x64.tar.gz");
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("the hook tarball " + tarball + " does not exist: run the ITs with `mvn verify` "
                    + "(it is made in `package`, with a JDK 25 at -Dpullthrough.dist.jdk)");
        }
        unpacked = ScratchDir.create();
        Runtime.getRuntime().addShutdownHook(new Thread(unpacked::close));
        ProcessRunner.inheritingEnvironment().run(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.path().toString()))
                .requireSuccess();
        try (Stream<Path> entries = Files.list(unpacked.path())) {
            home = entries.filter(p -> p.getFileName().toString().startsWith("pullthrough-hook-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(tarball + " has no pullthrough-hook-<version>/ directory"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    static Path launcher() {
        return home().resolve("bin/pullthrough-hook");
    }

    /** {@code command...} run where no java is reachable. */
    static List<String> withoutJava(List<String> command) {
        List<String> all = new java.util.ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                WITHOUT_JAVA, "sh"));
        all.addAll(command);
        return all;
    }

    /** A PATH without any JDK's bin directory (the system's /usr/bin/java then dangles in the namespace). */
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}
