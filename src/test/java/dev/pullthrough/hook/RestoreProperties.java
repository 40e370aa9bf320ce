package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a file held (or whether it existed), apply-then-undo gives back exactly that. */
class RestoreProperties {
    @Property(tries = 100)
    void undo_restoresExactBytesModeAndAbsence(@ForAll("contents") Optional<byte[]> original,
            @ForAll("contents") Optional<byte[]> written, @ForAll("modes") String mode) throws Exception {
        Path tmp = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "restore");
        try {
            StateDir dir = new StateDir(tmp.resolve("state"));
            dir.create();
            Path file = tmp.resolve("etc/docker/daemon.json");
            if (original.isPresent()) {
                Files.createDirectories(file.getParent());
                Files.write(file, original.get());
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            }
            ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://r", "127.0.0.1:1", "p"));
            journal.apply(ConfigFileKind.DAEMON_JSON, file, written.orElse(new byte[] {1}), null);

            // Unchanged files are not journaled, so the saved state may be absent: undo what the journal holds.
            ChangeJournal.UndoResult result = ChangeJournal.undo(dir, dir.readState().orElse(journal.state()), w -> { });

            assertThat(result.exact()).isTrue();
            if (original.isPresent()) {
                assertThat(Files.readAllBytes(file)).isEqualTo(original.get());
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo(mode);
            } else {
                assertThat(tmp.resolve("etc")).doesNotExist();
            }
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException ignored) {
                        // best effort
                    }
                });
            }
        }
    }

    @Provide
    Arbitrary<Optional<byte[]>> contents() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).optional(0.8);
    }

    @Provide
    Arbitrary<String> modes() {
        return Arbitraries.of("rw-r--r--", "rw-------", "rw-rw-r--", "r--r--r--");
    }
}
