package dev.pullthrough.testing.docker;

import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds a registry without any network: a tiny root filesystem (the static busybox and a marker file) is packed with
 * tar, turned into an image with `docker import`, tagged under each requested repository name and pushed (a loopback
 * registry is insecure by default, so plain HTTP is fine). The local copies are removed afterwards, so a later
 * `docker pull` on the same daemon has to fetch every layer again.
 */
public final class ImageSeeder {
    /** The image's default command; containers made from it print this line. */
    public static final String GREETING = "hello from the pullthrough test image";
    private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    private ImageSeeder() {
    }

    /**
     * Pushes one image to {@code registry} under every name in {@code repositories} (e.g. "library/hello" and
     * "docker-hub/library/hello") with {@code tag}, using {@code daemon} to build and push it.
     */
    public static SeededImage seed(PrivateDockerd daemon, DistributionRegistry registry, List<String> repositories, String tag) {
        return seed(daemon, registry, repositories, tag, null);
    }

    /**
     * The same, with {@code label} as the image label {@code pullthrough.seed}: images seeded with different labels
     * share their layer but not their config and manifest, so a client that has one must still fetch the other's.
     */
    public static SeededImage seed(PrivateDockerd daemon, DistributionRegistry registry, List<String> repositories,
            String tag, String label) {
        Path rootfsTar = rootfsTar(daemon.directory().resolve("seed-" + tag + (label == null ? "" : "-" + label)));
        String first = registry.hostPort() + "/" + repositories.get(0) + ":" + tag;
        List<String> args = new ArrayList<>(List.of("import",
                "--change", "CMD [\"/bin/busybox\", \"echo\", \"" + GREETING + "\"]"));
        if (label != null) {
            args.addAll(List.of("--change", "LABEL pullthrough.seed=" + label));
        }
        args.addAll(List.of(rootfsTar.toString(), first));
        daemon.docker(args.toArray(String[]::new)).requireSuccess();
        List<String> references = new ArrayList<>();
        String digest = null;
        for (String repository : repositories) {
            String reference = registry.hostPort() + "/" + repository + ":" + tag;
            if (!reference.equals(first)) {
                daemon.docker("tag", first, reference).requireSuccess();
            }
            references.add(reference);
            ProcessResult push = daemon.docker("push", reference).requireSuccess();
            Matcher m = PUSHED_DIGEST.matcher(push.stdout());
            if (!m.find()) {
                throw new IllegalStateException("push reported no digest: " + push);
            }
            if (digest != null && !digest.equals(m.group(1))) {
                throw new IllegalStateException("same image pushed with two digests: " + digest + ", " + m.group(1));
            }
            digest = m.group(1);
        }
        daemon.removeImages(references.toArray(String[]::new));
        ScratchDir.deleteRecursively(rootfsTar.getParent());
        return new SeededImage(registry.hostPort(), repositories, tag, digest);
    }

    private static Path rootfsTar(Path workDir) {
        Path busybox = RequiredTool.BUSYBOX.path();
        try {
            Path rootfs = Files.createDirectories(workDir.resolve("rootfs"));
            Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(busybox, rootfs.resolve("bin/busybox"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
            Files.writeString(rootfs.resolve("pullthrough-test-image.txt"), GREETING + "\n");
            Path tar = workDir.resolve("rootfs.tar");
            ProcessRunner.inheritingEnvironment()
                    .run(List.of(RequiredTool.TAR.path().toString(), "--numeric-owner", "--owner=0", "--group=0",
                            "--mtime=2026-01-01 00:00:00Z", "--sort=name", "-C", rootfs.toString(), "-cf", tar.toString(), "."))
                    .requireSuccess();
            return tar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a root filesystem in " + workDir, e);
        }
    }
}
