package dev.pullthrough.hook;

import java.util.List;

/**
 * One file the hook changed, as recorded in the state file: enough to put the original bytes back. No content is
 * stored here; the original bytes are in {@code backup} (a file in the state directory, mode 0600).
 *
 * @param kind what the file is
 * @param path the file as given (a symbolic link stays a link; its target is what gets written)
 * @param existed false when the hook created the file: {@code stop} deletes it
 * @param backup the original bytes' file name in the state directory, null when the file did not exist
 * @param mode the original permissions as {@link FileMode} writes them ({@code rw-r--r--}, {@code rwSr-----} with
 *     setuid), null when the file did not exist
 * @param writtenSha256 the hash of what the hook wrote; a file that no longer matches was changed by someone else
 * @param createdDirs directories the hook created for the file, outermost first; removed again when empty
 */
public record FileChange(ConfigFileKind kind, String path, boolean existed, String backup, String mode, String writtenSha256,
        List<String> createdDirs) {
    public FileChange {
        createdDirs = createdDirs == null ? List.of() : List.copyOf(createdDirs);
    }
}
