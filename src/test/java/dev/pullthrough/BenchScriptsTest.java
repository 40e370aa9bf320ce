package dev.pullthrough;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks (bench/) are never run by the test suite; this only checks, cheaply, that their scripts still parse
 * and hang together, so a broken benchmark is noticed before someone tries to run it.
 */
class BenchScriptsTest {
    private static final Path ROOT = Path.of(System.getProperty("pt.project.dir", "."));
    private static final Path BENCH = ROOT.resolve("bench");
    private static final ProcessRunner RUNNER = ProcessRunner.inheritingEnvironment().withTimeout(Duration.ofSeconds(30));

    @Test
    void shellScripts_bashNoExec_parse() throws Exception {
        List<Path> scripts = files(".sh");
        assertThat(scripts).extracting(p -> p.getFileName().toString())
                .contains("lib.sh", "run-all.sh", "synth.sh", "proxy.sh", "hook-startup.sh");
        for (Path script : scripts) {
            ProcessResult r = RUNNER.run(List.of("bash", "-n", script.toString()));
            assertThat(r.exitCode()).as("bash -n %s: %s", script, r.output()).isZero();
        }
    }

    @Test
    void pythonHelpers_astParse_succeeds() throws Exception {
        List<Path> helpers = files(".py");
        assertThat(helpers).extracting(p -> p.getFileName().toString()).contains("measure.py", "ecr_token_standin.py");
        List<String> command = new ArrayList<>(List.of("python3", "-c",
                "import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f).read(), f)"));
        helpers.forEach(p -> command.add(p.toString()));
        ProcessResult r;
        try {
            r = RUNNER.run(command);
        } catch (UncheckedIOException e) {
            throw new AssertionError("python3 is needed by the benchmarks: apt-get install -y python3-minimal", e);
        }
        assertThat(r.exitCode()).as("python3 ast.parse: %s", r.output()).isZero();
    }

    @Test
    void runAll_everyBenchmarkScript_isRun() throws IOException {
        String runAll = Files.readString(BENCH.resolve("run-all.sh"));
        try (Stream<Path> top = Files.list(BENCH)) {
            List<String> benchmarks = top.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sh") && !n.equals("lib.sh") && !n.equals("run-all.sh"))
                    .map(n -> n.substring(0, n.length() - ".sh".length()))
                    .collect(Collectors.toList());
            assertThat(benchmarks).isNotEmpty();
            for (String name : benchmarks) {
                assertThat(runAll).as("run-all.sh runs %s.sh", name).containsPattern("for bench in [^\\n]*\\b" + name + "\\b");
            }
        }
    }

    @Test
    void libraryPom_baselineProvider_isNotADependency() throws IOException {
        // The cdktf-provider-aws baseline lives in bench/synth-baseline only: the library must never pull in its 124 MB.
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).doesNotContain("cdktf-provider-aws");
        assertThat(Files.readString(BENCH.resolve("synth-baseline/pom.xml"))).contains("cdktf-provider-aws");
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(BENCH)) {
            return all.filter(p -> p.toString().endsWith(suffix) && !p.toString().contains("/target/")).sorted()
                    .collect(Collectors.toList());
        }
    }
}
