package dev.pullthrough.hook;

import java.util.List;

/**
 * Which of HotSpot's compilers the mirror's JVM runs, and how early: chosen by what its registry sends through it
 * ({@link #forRegistry}). Each set was chosen with {@code bench/mirror-cpu.sh} and {@code bench/mirror-tls.sh}
 * (docs/PERFORMANCE.md, "The mirror over TLS, fourth pass" and the sections before it).
 */
enum MirrorCompilers {
    /**
     * A plain-HTTP registry (only a loopback one is accepted): C1 alone, the least CPU per burst and the least memory.
     * CompileThresholdScaling=0.3: methods are compiled after 30% of the usual calls, so the request path runs
     * compiled from the first burst (0.1 compiled more of what only start-up runs, ~0.3 MB more code for the same CPU
     * per burst; 1 used ~25% more CPU on a fresh mirror's first bursts).
     */
    C1_EARLY(List.of("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.3")),

    /**
     * ECR over TLS: C1 alone at the default thresholds. ECR answers every blob GET with a redirect to S3, which the
     * mirror passes to the client, so what the mirror decrypts from ECR is small (manifests, errors) and C2's
     * fast ciphers (CIPHERS_ON_C2) would buy nothing. Against CIPHERS_ON_C2 over the same TLS registry (bursts of 200
     * manifest HEADs, the same run): peak RSS 69-70 instead of 79-81 MiB, a cold mirror's first burst 430 instead of
     * 685 ms of CPU, later bursts 40 ms of CPU either way; {@code hook start} 487 instead of 540 ms. The default
     * thresholds, not C1_EARLY's 0.3: over TLS the first handshakes run thousands of the JDK's methods a few dozen
     * times each, and compiling them earlier took ~1-2 MiB more for no faster first burst. Later (scaling 2) was
     * not clearly better: some rounds peaked at 65.5-66.2 MiB instead of ~71, others did not, and in a busier run its
     * bursts took more CPU (later bursts 75-80 instead of 50-60 ms).
     */
    C1(List.of("-XX:TieredStopAtLevel=1")),

    /**
     * Another https registry, which may stream blobs through the mirror: the JDK decrypts TLS fast only in C2-compiled
     * code (its AES-GCM and GHASH intrinsics are C2's), and with C1 alone a blob streamed at 47-55 MiB/s against
     * nginx's ~900. Full tiered compilation fixed that (~500 MiB/s) but took four times the CPU per burst and 100+ MiB
     * while C2 compiled the request path; here C2's thresholds are out of reach for everything but the JDK's cipher
     * classes, which get it almost at once: ~750-930 MiB/s, later bursts the same CPU as C1 alone, peak RSS 79-81 MiB.
     *
     * <p>Everything else then stays in C1's profiling tier, whose code calls the compilation policy every 1024
     * invocations (every 8192 loop turns) to ask for a C2 compile that never comes: each call matched the method
     * against the CompileCommand patterns by name, ~4% of the mirror's CPU in a later burst (perf). The notify
     * frequencies are raised 1000-fold; the cipher classes' are scaled down by their CompileThresholdScaling as
     * before, so they still reach C2 within their first records. The default thresholds otherwise, as for C1.
     */
    CIPHERS_ON_C2(List.of("-XX:TieredStopAtLevel=4",
            "-XX:Tier4InvocationThreshold=2000000", "-XX:Tier4MinInvocationThreshold=1000000",
            "-XX:Tier4CompileThreshold=3000000", "-XX:Tier4BackEdgeThreshold=100000000", "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.0001",
            "-XX:Tier3InvokeNotifyFreqLog=20", "-XX:Tier3BackedgeNotifyFreqLog=23"));

    private final List<String> flags;

    MirrorCompilers(List<String> flags) {
        this.flags = flags;
    }

    List<String> flags() {
        return flags;
    }

    static MirrorCompilers forRegistry(RegistryEndpoint registry) {
        if (!registry.scheme().equals("https")) {
            return C1_EARLY;
        }
        return registry.isEcr() ? C1 : CIPHERS_ON_C2;
    }
}
