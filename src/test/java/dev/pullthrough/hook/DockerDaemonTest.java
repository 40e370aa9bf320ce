package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pid file check that keeps the hook from signalling a process that only inherited dockerd's old pid. */
class DockerDaemonTest {
    @TempDir
    Path tmp;
    private Process process;

    @AfterEach
    void tearDown() throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Path pidFileFor(Process p) throws Exception {
        Path pidFile = tmp.resolve("docker.pid");
        Files.writeString(pidFile, p.pid() + "\n");
        return pidFile;
    }

    @Test
    void reload_stalePidFileNamingAnotherProcess_refusesAndTheProcessLives() throws Exception {
        process = new ProcessBuilder("sleep", "60").start();
        DockerDaemon docker = new DockerDaemon(pidFileFor(process));

        assertThatThrownBy(docker::reload).isInstanceOf(HookException.class)
                .hasMessageContaining("names pid " + process.pid() + ", which is \"sleep\"")
                .hasMessageContaining("not dockerd").hasMessageContaining("stale").hasMessageContaining("no signal");
        assertThat(process.waitFor(200, TimeUnit.MILLISECONDS)).as("still running, not killed by SIGHUP").isFalse();
    }

    @Test
    void runningPid_processStartedAfterThePidFileWasWritten_stale() throws Exception {
        process = new ProcessBuilder(FakeDockerd.shell(tmp.resolve("bin")).toString(), "-c", "sleep 60").start();
        Path pidFile = pidFileFor(process);
        Files.setLastModifiedTime(pidFile, FileTime.from(Instant.now().minusSeconds(3600)));

        assertThatThrownBy(() -> new DockerDaemon(pidFile).runningPid()).isInstanceOf(HookException.class)
                .hasMessageContaining("started later").hasMessageContaining("stale");
    }

    @Test
    void runningPid_dockerdThatWroteThePidFile_itsPid() throws Exception {
        process = new ProcessBuilder(FakeDockerd.shell(tmp.resolve("bin")).toString(), "-c", "sleep 60").start();

        assertThat(new DockerDaemon(pidFileFor(process)).runningPid()).isEqualTo(process.pid());
    }

    @Test
    void runningPid_deadPid_notRunning() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();

        assertThatThrownBy(() -> new DockerDaemon(pidFileFor(done)).runningPid())
                .hasMessageContaining("dockerd is not running");
    }

    @Test
    void tracked_noatimeMount_false_relatimeMount_true() {
        List<String> mountinfo = List.of(
                "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
                "40 22 0:35 / /mnt/no\\040atime rw,noatime shared:2 - tmpfs tmpfs rw");

        assertThat(AccessTimes.tracked(Path.of("/etc/docker/daemon.json"), mountinfo)).isTrue();
        assertThat(AccessTimes.tracked(Path.of("/mnt/no atime/daemon.json"), mountinfo)).isFalse();
    }
}
