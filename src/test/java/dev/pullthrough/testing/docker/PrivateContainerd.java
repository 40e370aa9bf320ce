package dev.pullthrough.testing.docker;

import dev.pullthrough.testing.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The containerd a {@link PrivateDockerd} uses: root, state, sockets and config all inside the daemon's scratch dir,
 * the CRI plugin off (no CNI, no streaming server). Its socket sits where dockerd would put the containerd it manages
 * itself ({@code <exec-root>/containerd/containerd.sock}).
 */
final class PrivateContainerd {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private PrivateContainerd() {
    }

    static Path socket(Path execRoot) {
        return execRoot.resolve("containerd").resolve("containerd.sock");
    }

    /** Starts containerd and returns once its socket accepts connections. */
    static Process start(ScratchDir dir, Path execRoot) {
        Path containerd = RequiredTool.CONTAINERD.path();
        Path socket = socket(execRoot);
        try {
            Files.createDirectories(socket.getParent());
            Path config = dir.resolve("containerd.toml");
            Files.writeString(config, String.join("\n",
                    "version = 2",
                    "root = \"" + dir.resolve("containerd-root") + "\"",
                    "state = \"" + socket.resolveSibling("state") + "\"",
                    "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
                    "[grpc]",
                    "  address = \"" + socket + "\"",
                    "[plugins.\"io.containerd.internal.v1.opt\"]",
                    "  path = \"" + dir.resolve("containerd-opt") + "\"",
                    ""));
            Path log = dir.resolve("containerd.log");
            Process process = new ProcessBuilder(List.of(containerd.toString(), "--config", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            awaitSocket(process, socket, new LogFile(log));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start containerd in " + dir.path(), e);
        }
    }

    private static void awaitSocket(Process process, Path socket, LogFile log) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("containerd exited with " + process.exitValue() + " during start:\n"
                        + log.tail(30));
            }
            if (accepts(socket)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(process);
                throw new IllegalStateException("interrupted", e);
            }
        }
        stop(process);
        throw new IllegalStateException("containerd did not listen on " + socket + " within " + READY_TIMEOUT
                + ":\n" + log.tail(30));
    }

    private static boolean accepts(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM and wait (dockerd is stopped first, so no shim is left to wait for). */
    static void stop(Process process) {
        ProcessRunner.stop(process, Duration.ofSeconds(20));
    }
}
