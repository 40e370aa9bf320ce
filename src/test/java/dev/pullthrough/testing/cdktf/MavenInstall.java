package dev.pullthrough.testing.cdktf;

import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the project's own jar (built by the package phase, before the integration tests) into the local Maven
 * repository, so an example app can depend on {@code dev.pullthrough:pullthrough:0.1.0} as a platform repo would.
 */
public final class MavenInstall {
    public static final String VERSION = "0.1.0";

    private MavenInstall() {
    }

    public static void installProjectJar() {
        Path root = ProjectPaths.root();
        Path jar = ProjectPaths.target().resolve("pullthrough-" + VERSION + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: run the integration tests through `mvn verify` "
                    + "(the package phase builds it) or bin/test");
        }
        ProcessResult r = mvn(root, "org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file", "-Dfile=" + jar, "-DpomFile=" + root.resolve("pom.xml"));
        if (!r.succeeded()) {
            throw new AssertionError("installing " + jar + " into the local Maven repository failed: " + r);
        }
    }

    /**
     * Runs Maven in batch mode. Not offline: on a fresh machine the example's plugins may still need downloading;
     * with fully pinned coordinates, a filled local repository needs no network.
     */
    public static ProcessResult mvn(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-q"));
        cmd.addAll(List.of(args));
        return ProcessRunner.inheritingEnvironment().inDirectory(dir).withTimeout(Duration.ofMinutes(10)).run(cmd);
    }
}
