package dev.pullthrough.hook;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * One file {@code hook start} points at the mirror: what it is, where, and how the mirror is merged into its bytes.
 * {@code start} builds the list once and runs it twice: merged and discarded before anything changes (every file
 * must be mergeable, else nothing is changed), then merged and written.
 *
 * @param kind what the file is (its name in the journal and in messages)
 * @param mode the mode a written file gets, null to keep an existing file's
 * @param reloadsDocker whether dockerd must re-read its config after this file changed
 */
public record ConfigTarget(ConfigFileKind kind, Path path, Set<PosixFilePermission> mode, boolean reloadsDocker, Merge merge) {
    /** What the files are merged with: the mirror's address, and the credential once there is one. */
    public record Wiring(ListenAddress mirror, String basicAuth) {
        /** Before the token is there: every file is checked with the configured address. */
        public static Wiring check(ListenAddress configured) {
            return new Wiring(configured, null);
        }

        public boolean checkOnly() {
            return basicAuth == null;
        }
    }

    /** The file's new bytes (checked only, when {@link Wiring#checkOnly()}). */
    @FunctionalInterface
    public interface Merge {
        byte[] apply(byte[] original, Wiring wiring) throws InvalidConfigFileException;
    }
}
