package dev.pullthrough.cli.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks paths and reads the image references of every file whose name says it has some (see {@link SourceKind}).
 * Directories that hold dependencies, build output or VCS data are not entered; a path given explicitly is always
 * read. Symbolic links are not followed. Files are visited in name order, so output is stable.
 */
public final class ImageScan {
    /** Not entered while walking: VCS data, dependencies, build output, Terraform's provider cache. */
    public static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", ".hg", ".svn", "node_modules", ".terraform",
            "target");
    private static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

    private final List<FoundImage> found = new ArrayList<>();
    private final List<SkippedFile> skipped = new ArrayList<>();
    private int filesScanned;

    private ImageScan() {
    }

    /** Scans every root (a file or a directory); a root that does not exist is the caller's {@link IOException}. */
    public static ScanResult scan(List<Path> roots) throws IOException {
        ImageScan scan = new ImageScan();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new java.nio.file.NoSuchFileException(root.toString(), null, "no such file or directory");
            }
            if (Files.isDirectory(root)) {
                scan.walk(root);
            } else {
                scan.read(root, SourceKind.of(root).orElse(SourceKind.DOCKERFILE));
            }
        }
        return new ScanResult(scan.found, scan.filesScanned, scan.skipped);
    }

    private void walk(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                skipped.add(new SkippedFile(display(file), "cannot read: " + e.getMessage()));
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(Path::toString));
        for (Path file : files) {
            Optional<SourceKind> kind = SourceKind.of(file);
            if (kind.isPresent()) {
                read(file, kind.get());
            }
        }
    }

    private void read(Path file, SourceKind kind) {
        String name = display(file);
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                skipped.add(new SkippedFile(name, "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB"));
                return;
            }
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            skipped.add(new SkippedFile(name, "not UTF-8 text"));
            return;
        } catch (IOException | UncheckedIOException e) {
            skipped.add(new SkippedFile(name, "cannot read: " + e.getMessage()));
            return;
        }
        filesScanned++;
        if (kind == SourceKind.DOCKERFILE) {
            found.addAll(DockerfileScanner.scan(name, text));
            return;
        }
        List<FoundImage> inFile;
        // Most YAML files in a repository are not manifests: only parse those that could name an image.
        if (kind == SourceKind.KUBERNETES && !(text.contains("image:") && text.contains("kind"))) {
            return;
        }
        try {
            inFile = new ArrayList<>(YamlScanners.scan(name, kind, YamlDocuments.parse(text)));
        } catch (YamlDocuments.NotYamlException e) {
            skipped.add(new SkippedFile(name, e.getMessage()));
            return;
        }
        // Tree order is not line order (a merged anchor is found where it is used): report in line order.
        inFile.sort(Comparator.comparingInt(FoundImage::line));
        found.addAll(inFile);
    }

    /** The path as the user would write it: relative stays relative, without a leading "./". */
    private static String display(Path file) {
        return file.normalize().toString();
    }
}
