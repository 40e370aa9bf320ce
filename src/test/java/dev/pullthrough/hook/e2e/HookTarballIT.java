package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.AccessLogEntry;
import dev.pullthrough.testing.docker.FileSnapshot;
import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.PrivateDockerd;
import dev.pullthrough.testing.docker.RegistryStandIns;
import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release tarball on a runner without Java: unpacked into a temp dir, its launcher runs {@code start}, {@code
 * status} and {@code stop} against the e2e stand-ins (registry, token API, a private dockerd) in a mount namespace
 * where the system JDKs are hidden. A pull is served through the mirror, and stop puts every file back byte for byte.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HookTarballIT {
    private static HookScenario scenario;
    private static HookProcess hook;
    private static FileSnapshot before;
    private static long dockerdPid;
    private static ProcessResult start;

    @BeforeAll
    static void startFromTarball() {
        scenario = HookScenario.start();
        hook = scenario.hook()
                .withEnvironment(Map.of("PATH", HookTarball.PATH, "JAVA_HOME", ""))
                .withLauncher(HookTarball.withoutJava(List.of(HookTarball.launcher().toString())));
        // $GITHUB_ENV keeps the exported variables for the job's later steps (docs/HOOK.md); every other file returns.
        before = FileSnapshot.of(scenario.userFiles().stream().filter(p -> !p.equals(scenario.files().githubEnv())).toList());
        dockerdPid = scenario.dockerd().pid();
        start = hook.start("--strict");
    }

    @AfterAll
    static void stopAll() {
        if (scenario != null) {
            hook.stop();
            scenario.close();
        }
    }

    @Test
    @Order(1)
    void start_noJavaReachable_mirrorRunsOnTheBundledRuntime() {
        assertThat(start.exitCode()).as("%s", start).isZero();
        assertThat(start.stderr()).as("%s", start).doesNotContain("warning");
        ProcessHandle mirror = hook.proxyProcess().orElseThrow();
        assertThat(mirror.info().command().orElseThrow()).startsWith(HookTarball.home().toString());
        assertThat(scenario.dockerd().awaitRegistryMirrors(List.of(scenario.files().mirrorUrl() + "/")))
                .first().isEqualTo(scenario.files().mirrorUrl() + "/");
        assertThat(scenario.dockerd().pid()).as("reloaded, not restarted").isEqualTo(dockerdPid);
    }

    @Test
    @Order(1)
    void aotCache_treeUnpackedElsewhere_mappedByTheRuntime() {
        Path home = HookTarball.home();
        // AOTMode=on turns "archive not usable" from a silent fall-back into a failure.
        ProcessResult help = dev.pullthrough.testing.process.ProcessRunner.inheritingEnvironment().run(List.of(
                home.resolve("runtime/bin/java").toString(), "-XX:+UnlockDiagnosticVMOptions",
                "-XX:ArchiveRelocationMode=0", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:CompileThresholdScaling=10",
                "-XX:AOTCache=" + home.resolve("lib/hook.aot"), "-XX:AOTMode=on", "-cp",
                home.resolve("lib/pullthrough-hook.jar").toString(), "dev.pullthrough.hook.HookMain", "--help"));

        assertThat(help.exitCode()).as("%s", help).isZero();
    }

    @Test
    @Order(1)
    void mirror_onTheBundledRuntime_runsItsEventLoopAndTheLaunchersFlags() throws IOException {
        // Both are measured choices (docs/PERFORMANCE.md): without the exit flag every start waited 0.3 s at exit.
        List<String> args = List.of(hook.proxyProcess().orElseThrow().info().arguments().orElseThrow());

        assertThat(args).contains("-XX:UserThreadWaitAttemptsAtExit=0", "-XX:CompileThresholdScaling=0.3", "-Xmn5m",
                "-XX:SurvivorRatio=2");
        assertThat(Files.readString(hook.proxyLog())).contains("(one event-loop thread)");
        assertThat(Files.readString(HookTarball.launcher())).contains(
                "-XX:CompileThresholdScaling=10 -XX:UserThreadWaitAttemptsAtExit=0 $aot");
    }

    @Test
    @Order(1)
    void mirror_mapsItsOwnArchive_notTheHooks() throws IOException {
        // The hook's archive holds the AWS SDK and Jackson; a JDK 25 runtime loads every class of the archive it maps.
        String maps = Files.readString(Path.of("/proc", Long.toString(hook.proxyPid().orElseThrow()), "maps"));

        assertThat(maps).contains(HookTarball.home().resolve("lib/mirror.aot").toString())
                .doesNotContain(HookTarball.home().resolve("lib/hook.aot").toString());
    }

    @Test
    @Order(2)
    void dockerPull_shortName_servedThroughTheMirror() {
        PrivateDockerd dockerd = scenario.dockerd();
        dockerd.purgeImages();
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

        ProcessResult pull = dockerd.docker("pull", RegistryStandIns.SHORT_NAME);

        assertThat(pull.succeeded()).as("%s", pull).isTrue();
        List<AccessLogEntry> atEcr = scenario.registries().ecr().accessEntriesSince(ecr);
        assertThat(atEcr).anyMatch(e -> e.readsRepository(RegistryStandIns.prefixedRepository()) && e.isManifest()
                && e.status() == 200);
    }

    @Test
    @Order(3)
    void status_running_upOnTheBundledRuntime() {
        ProcessResult status = hook.status();

        assertThat(status.exitCode()).as("%s", status).isZero();
        assertThat(status.stdout()).contains("mirror up");
    }

    @Test
    @Order(4)
    void stop_afterStartAndPull_everyFileByteForByteAndMirrorGone() throws InterruptedException {
        long mirrorPid = hook.proxyPid().orElseThrow();

        ProcessResult stop = hook.stop("--strict");

        assertThat(stop.exitCode()).as("%s", stop).isZero();
        assertThat(before.differencesTo(before.retake())).isEmpty();
        assertThat(exitedWithin(mirrorPid, 10_000)).as("the mirror exited").isTrue();
        assertThat(hook.status().exitCode()).isEqualTo(3);
    }

    /** Gone or a zombie (stop does not wait for whoever reaps it; pid 1 in a container may never do so). */
    private static boolean exitedWithin(long pid, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                    return true;
                }
            } catch (IOException e) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
