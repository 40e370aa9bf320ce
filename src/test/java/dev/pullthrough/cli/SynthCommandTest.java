package dev.pullthrough.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {
    @Test
    void synth_outDir_writesEveryModuleInBothForms(@TempDir Path out) throws IOException {
        CliRun run = CliRun.of("synth", "--out", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("synthesized modules into " + out).contains("file(s) written");
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()))
                    .anyMatch(p -> p.endsWith("ecr-pull-through-cache/main.tf"))
                    .anyMatch(p -> p.endsWith(".tf.json"));
        }
    }
}
