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
    void plainHttpRegistry_c1OnlyWithTheSmallHeap() throws Exception {
        List<String> flags = ProxyProcess.jvmFlags(RegistryEndpoint.parse("http://127.0.0.1:5000"));

        assertThat(flags).contains("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.3", "-Xmx24m", "-Xmn5m",
                        "-XX:+UseSerialGC")
                .noneMatch(f -> f.startsWith("-XX:CompileCommand") || f.equals("-XX:TieredStopAtLevel=4"));
    }

    @Test
    void httpsRegistryNotEcr_c2OnlyForTheJdksCipherClassesWithTheSameHeap() throws Exception {
        List<String> flags = ProxyProcess.jvmFlags(RegistryEndpoint.parse("https://127.0.0.1:5443"));

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
    void ecrOverTls_c1Only_becauseEcrRedirectsEveryBlobAndTheMirrorDecryptsSmallBodiesOnly() throws Exception {
        for (String host : List.of("123456789012.dkr.ecr.us-east-1.amazonaws.com",
                "https://123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn",
                "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com", "123456789012.dkr-ecr.eu-west-1.on.aws",
                "123456789012.dkr-ecr-fips.us-east-1.on.aws")) {
            RegistryEndpoint ecr = RegistryEndpoint.parse(host);

            assertThat(ecr.isEcr()).as(host).isTrue();
            assertThat(ProxyProcess.jvmFlags(ecr)).as(host).contains("-XX:TieredStopAtLevel=1", "-Xmx24m")
                    .noneMatch(f -> f.startsWith("-XX:CompileCommand") || f.startsWith("-XX:Tier4"))
                    // the default thresholds: compiling the TLS code early took more memory and CPU
                    .noneMatch(f -> f.startsWith("-XX:CompileThresholdScaling="));
        }
    }

    @Test
    void otherHttpsRegistry_c2ForTheCipherClasses_becauseItMayStreamBlobsThroughTheMirror() throws Exception {
        for (String host : List.of("https://127.0.0.1:5443", "registry.example.com", "ecr.us-east-1.amazonaws.com",
                "12345678901.dkr.ecr.us-east-1.amazonaws.com",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example")) {
            RegistryEndpoint other = RegistryEndpoint.parse(host);

            assertThat(other.isEcr()).as(host).isFalse();
            assertThat(ProxyProcess.jvmFlags(other)).as(host)
                    .isEqualTo(ProxyProcess.jvmFlags(MirrorCompilers.CIPHERS_ON_C2));
        }
    }

    @Test
    void eachFlagAppearsOnce_soNoLaterDuplicateSilentlyWins() {
        for (MirrorCompilers compilers : MirrorCompilers.values()) {
            List<String> names = ProxyProcess.jvmFlags(compilers).stream()
                    .filter(f -> !f.startsWith("-XX:CompileCommand"))
                    .map(ProxyProcessFlagsTest::name)
                    .toList();
            assertThat(names).as("%s", compilers).doesNotHaveDuplicates();
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
