package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyProcessFlagsTest {
    @Test
    void plainHttpRegistry_c1OnlyWithTheSmallHeap() {
        List<String> flags = ProxyProcess.jvmFlags(false);

        assertThat(flags).contains("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.3", "-Xmx24m", "-Xmn5m",
                        "-XX:+UseSerialGC")
                .noneMatch(f -> f.startsWith("-XX:CompileCommand") || f.equals("-XX:TieredStopAtLevel=4"));
    }

    @Test
    void httpsRegistry_c2OnlyForTheJdksCipherClassesWithTheSameHeap() {
        List<String> flags = ProxyProcess.jvmFlags(true);

        assertThat(flags).contains("-XX:TieredStopAtLevel=4", "-Xmx24m", "-Xmn5m", "-XX:+UseSerialGC",
                "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.0001")
                .doesNotContain("-XX:TieredStopAtLevel=1")
                // the default thresholds: compiling the TLS code early made a cold mirror's first burst slower
                .noneMatch(f -> f.startsWith("-XX:CompileThresholdScaling="));
        // Everything else must stay out of C2's reach: a threshold no request path reaches in a job's life.
        assertThat(flags).contains("-XX:Tier4InvocationThreshold=2000000", "-XX:Tier4BackEdgeThreshold=100000000");
        // C1's profiled code stops asking for the C2 compiles that are out of its reach.
        assertThat(flags).contains("-XX:Tier3InvokeNotifyFreqLog=20", "-XX:Tier3BackedgeNotifyFreqLog=23");
    }

    @Test
    void eachFlagAppearsOnce_soNoLaterDuplicateSilentlyWins() {
        for (boolean tls : new boolean[] {false, true}) {
            List<String> names = ProxyProcess.jvmFlags(tls).stream()
                    .filter(f -> !f.startsWith("-XX:CompileCommand"))
                    .map(ProxyProcessFlagsTest::name)
                    .toList();
            assertThat(names).as("tls=%s", tls).doesNotHaveDuplicates();
        }
    }

    /** -XX:[+-]Name[=value] and -Dname=value by their name; -Xms8m and the like by their first four characters. */
    private static String name(String flag) {
        if (flag.startsWith("-XX:")) {
            return flag.substring(4).replaceFirst("^[+-]", "").replaceFirst("=.*", "");
        }
        if (flag.startsWith("-D")) {
            return flag.replaceFirst("=.*", "");
        }
        return flag.substring(0, Math.min(4, flag.length()));
    }

    @Test
    void archive_httpsRegistry_theTlsTrainedOneWhenTheTarballHasIt(@TempDir Path lib) throws IOException {
        Files.write(lib.resolve("mirror.aot"), new byte[] {1});
        Files.write(lib.resolve("mirror-tls.aot"), new byte[] {1});

        assertThat(ProxyProcess.archiveFlags(lib.toString(), true)).contains("-XX:AOTCache=" + lib.resolve("mirror-tls.aot"));
        assertThat(ProxyProcess.archiveFlags(lib.toString(), false)).contains("-XX:AOTCache=" + lib.resolve("mirror.aot"));
    }

    @Test
    void archive_noTlsArchive_httpsFallsBackToThePlainOne_andNoDirectoryMeansNone(@TempDir Path lib) throws IOException {
        Files.write(lib.resolve("mirror.aot"), new byte[] {1});

        assertThat(ProxyProcess.archiveFlags(lib.toString(), true)).contains("-XX:AOTCache=" + lib.resolve("mirror.aot"));
        assertThat(ProxyProcess.archiveFlags(null, true)).isEmpty(); // java -jar: no launcher, no archive
        assertThat(ProxyProcess.archiveFlags(lib.resolve("missing").toString(), false)).isEmpty();
    }
}
