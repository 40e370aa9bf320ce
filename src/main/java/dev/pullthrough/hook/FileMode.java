package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * A file's permission bits including setuid, setgid and sticky (which {@link PosixFilePermission} cannot express),
 * written like {@code ls -l} does: {@code rwsr-x--T}. A file the hook rewrites and restores keeps all twelve bits.
 */
public record FileMode(int bits) {
    private static final String LETTERS = "rwxrwxrwx";
    private static final int SETUID = 04000;
    private static final int SETGID = 02000;
    private static final int STICKY = 01000;

    public FileMode {
        if ((bits & ~07777) != 0) {
            throw new IllegalArgumentException("not a permission mode: " + Integer.toOctalString(bits));
        }
    }

    /** The mode of {@code path} (following a link), as the kernel has it. */
    static FileMode of(Path path) throws IOException {
        return new FileMode((Integer) Files.getAttribute(path, "unix:mode") & 07777);
    }

    static FileMode of(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission p : permissions) {
            bits |= 0400 >> p.ordinal(); // OWNER_READ .. OTHERS_EXECUTE are declared in rwxrwxrwx order
        }
        return new FileMode(bits);
    }

    /** Parses {@link #toString()}'s form; a plain {@code rw-r--r--} (as older state files hold) reads too. */
    static FileMode parse(String text) {
        if (text.length() != 9) {
            throw new IllegalArgumentException("not a mode like rw-r--r--: " + text);
        }
        int bits = 0;
        for (int i = 0; i < 9; i++) {
            char c = text.charAt(i);
            int bit = 0400 >> i;
            int special = special(i);
            if (c == LETTERS.charAt(i)) {
                bits |= bit;
            } else if (special != 0 && (c == specialLetter(i, true) || c == specialLetter(i, false))) {
                bits |= special | (c == specialLetter(i, true) ? bit : 0);
            } else if (c != '-') {
                throw new IllegalArgumentException("not a mode like rw-r--r--: " + text);
            }
        }
        return new FileMode(bits);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            boolean set = (bits & (0400 >> i)) != 0;
            int special = special(i);
            if (special != 0 && (bits & special) != 0) {
                s.append(specialLetter(i, set));
            } else {
                s.append(set ? LETTERS.charAt(i) : '-');
            }
        }
        return s.toString();
    }

    /** The setuid, setgid or sticky bit shown in execute position {@code i}, else 0. */
    private static int special(int i) {
        return switch (i) {
            case 2 -> SETUID;
            case 5 -> SETGID;
            case 8 -> STICKY;
            default -> 0;
        };
    }

    private static char specialLetter(int i, boolean executable) {
        char c = i == 8 ? 't' : 's';
        return executable ? c : Character.toUpperCase(c);
    }
}
