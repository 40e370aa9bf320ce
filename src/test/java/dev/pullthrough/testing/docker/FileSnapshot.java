package dev.pullthrough.testing.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The exact state of a set of user files: for each path its SHA-256 and mode, or "absent". Directories are expanded
 * to every file below them, so a file that appears where there was none is a difference too.
 */
public record FileSnapshot(List<Path> roots, Map<Path, String> entries) {
    private static final String ABSENT = "absent";

    public FileSnapshot {
        roots = List.copyOf(roots);
        entries = Map.copyOf(entries);
    }

    public static FileSnapshot of(Collection<Path> paths) {
        Map<Path, String> entries = new LinkedHashMap<>();
        for (Path path : paths) {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.forEach(p -> entries.put(p, describe(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else {
                entries.put(path, describe(path));
            }
        }
        return new FileSnapshot(List.copyOf(paths), entries);
    }

    /** Lines "path: before -> after" for every entry that differs (or appeared) in {@code later}. */
    public List<String> differencesTo(FileSnapshot later) {
        List<String> differences = new ArrayList<>();
        java.util.SortedSet<Path> all = new java.util.TreeSet<>(entries.keySet());
        all.addAll(later.entries.keySet());
        for (Path path : all) {
            String before = entries.getOrDefault(path, ABSENT);
            String after = later.entries.getOrDefault(path, ABSENT);
            if (!before.equals(after)) {
                differences.add(path + ": " + before + " -> " + after);
            }
        }
        return differences;
    }

    /** Takes the same paths again. */
    public FileSnapshot retake() {
        return of(roots);
    }

    private static String describe(Path path) {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return ABSENT;
            }
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                return "dir " + mode;
            }
            if (Files.isSymbolicLink(path)) {
                return "link -> " + Files.readSymbolicLink(path);
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
            return "sha256:" + HexFormat.of().formatHex(digest) + " " + mode;
        } catch (IOException e) {
            return "unreadable (" + e.getClass().getSimpleName() + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
