package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pullthrough.testing.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the hook refuses to read: it must neither hang on a FIFO nor fill its heap from a device. */
class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void read_linkToDevZero_refusedAtOnce() throws Exception {
        Path file = Files.createSymbolicLink(tmp.resolve("daemon.json"), Path.of("/dev/zero"));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> AtomicFiles.read(file))
                .isInstanceOf(UnsuitableFileException.class)
                .hasMessage(file + " is a character device, not a regular file; the hook only edits regular files"
                        + " (point the flag at the real file)"));
    }

    @Test
    void read_fifo_refusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = tmp.resolve("daemon.json");
        ProcessRunner.inheritingEnvironment().run(List.of("mkfifo", fifo.toString())).requireSuccess();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> AtomicFiles.read(fifo))
                .isInstanceOf(UnsuitableFileException.class).hasMessageContaining("is a FIFO (named pipe)"));
    }

    @Test
    void read_directory_refused() {
        assertThatThrownBy(() -> AtomicFiles.read(tmp)).hasMessageContaining("is a directory, not a regular file");
    }

    @Test
    void read_overTheCap_refused() throws Exception {
        Path big = tmp.resolve("daemon.json");
        Files.write(big, new byte[AtomicFiles.MAX_READ + 1]);

        assertThatThrownBy(() -> AtomicFiles.read(big)).isInstanceOf(UnsuitableFileException.class)
                .hasMessageContaining("larger than 4 MiB");
    }

    @Test
    void read_atTheCap_read() throws Exception {
        Path file = tmp.resolve("daemon.json");
        Files.write(file, new byte[AtomicFiles.MAX_READ]);

        assertThat(AtomicFiles.read(file).orElseThrow()).hasSize(AtomicFiles.MAX_READ);
    }

    @Test
    void read_missing_empty() throws Exception {
        assertThat(AtomicFiles.read(tmp.resolve("none"))).isEmpty();
    }

    @Test
    void fileMode_lsForm_roundTrips() {
        for (int bits : new int[] {0644, 04640, 02750, 01777, 07000, 0}) {
            FileMode mode = new FileMode(bits);
            assertThat(FileMode.parse(mode.toString())).isEqualTo(mode);
        }
        assertThat(new FileMode(04750).toString()).isEqualTo("rwsr-x---");
        assertThat(new FileMode(01644).toString()).isEqualTo("rw-r--r-T");
    }
}
