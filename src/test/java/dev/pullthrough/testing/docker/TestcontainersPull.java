package dev.pullthrough.testing.docker;

import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a Testcontainers {@link GenericContainer} against a private dockerd, in a child JVM: Testcontainers picks its
 * Docker daemon once per JVM from the environment, so a child with {@code DOCKER_HOST} set is the only clean way to
 * aim it at one daemon (and it is how a CI job runs it). Settings per ENVIRONMENT.md: no Ryuk, host override, short
 * pull timeout (else a failing pull retries for minutes), host networking plus a log-message wait (port mapping does
 * not work without a bridge). The child's home is a scratch dir so ~/.testcontainers.properties is never touched.
 */
public final class TestcontainersPull {
    /** Printed by the child after the container logged the image's greeting. */
    public static final String STARTED_MARKER = "[testcontainers-pull] container started from ";

    private TestcontainersPull() {
    }

    /** Child entry point: args = image reference. Exit 0 once the container logged its greeting. */
    public static void main(String[] args) {
        String image = args[0];
        try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withCommand("/bin/busybox", "sh", "-c", "echo " + ImageSeeder.GREETING + "; sleep 30")
                .waitingFor(Wait.forLogMessage(".*" + ImageSeeder.GREETING + ".*", 1)
                        .withStartupTimeout(Duration.ofSeconds(30)))) {
            container.start();
            System.out.println(STARTED_MARKER + image);
        }
        System.exit(0);
    }

    /** Runs {@link #main} in a child JVM against {@code daemon}; the result carries the child's output. */
    public static ProcessResult run(PrivateDockerd daemon, String image) {
        Path home = daemon.directory().resolve("testcontainers-home");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home, e);
        }
        Map<String, String> env = new LinkedHashMap<>(daemon.clientEnvironment());
        env.put("HOME", home.toString());
        env.put("TESTCONTAINERS_RYUK_DISABLED", "true");
        env.put("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");
        env.put("TESTCONTAINERS_PULL_TIMEOUT", "5");
        env.put("TESTCONTAINERS_CHECKS_DISABLE", "true");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java,
                "-Duser.home=" + home,
                "-Djava.io.tmpdir=" + home,
                "-cp", System.getProperty("java.class.path"),
                TestcontainersPull.class.getName(), image));
        return ProcessRunner.inheritingEnvironment().withEnvironment(env).withTimeout(Duration.ofSeconds(120)).run(command);
    }
}
