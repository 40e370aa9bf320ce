package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether reading a file shows in its access time, which is how the hook sees that dockerd has read its config after a
 * reload (dockerd says nothing else). Linux updates the access time on read unless the file's mount has
 * {@code noatime}; with {@code relatime} (the default) it does so when the access time is not after the modification
 * time, which the hook arranges before it signals.
 */
final class AccessTimes {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private AccessTimes() {
    }

    /** False on a {@code noatime} mount, or when the mount cannot be told (then the hook does not count on it). */
    static boolean tracked(Path file) {
        try {
            return tracked(file.toRealPath(), Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @param mountinfo lines of {@code /proc/self/mountinfo}: the longest mount point holding the file decides */
    static boolean tracked(Path realFile, List<String> mountinfo) {
        String best = null;
        boolean bestTracked = false;
        for (String line : mountinfo) {
            String[] f = line.split(" ");
            if (f.length < 6) {
                continue;
            }
            String mountPoint = unescape(f[4]);
            if (realFile.startsWith(mountPoint) && (best == null || mountPoint.length() >= best.length())) {
                best = mountPoint;
                bestTracked = !List.of(f[5].split(",")).contains("noatime");
            }
        }
        return best != null && bestTracked;
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }
}
