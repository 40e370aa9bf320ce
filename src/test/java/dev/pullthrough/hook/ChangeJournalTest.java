package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeJournalTest {
    @TempDir
    Path tmp;

    private StateDir stateDir() throws Exception {
        StateDir dir = new StateDir(tmp.resolve("state"));
        dir.create();
        return dir;
    }

    @Test
    void undo_afterApply_originalBytesAndModeBack() throws Exception {
        StateDir dir = stateDir();
        Path file = tmp.resolve("daemon.json");
        byte[] original = "{ \"debug\" : true }".getBytes(StandardCharsets.UTF_8);
        Files.write(file, original);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://r", "127.0.0.1:1", "docker-hub"));

        assertThat(journal.apply(ConfigFileKind.DAEMON_JSON, file, "{}".getBytes(StandardCharsets.UTF_8), null)).isTrue();
        assertThat(Files.readString(file)).isEqualTo("{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        HookState saved = dir.readState().orElseThrow();
        ChangeJournal.UndoResult result = ChangeJournal.undo(dir, saved, w -> { });

        assertThat(result.exact()).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void undo_setuidSetgidStickyBits_keptWhileRunningAndBackExactly() throws Exception {
        StateDir dir = stateDir();
        Path file = tmp.resolve("daemon.json");
        Files.writeString(file, "{}");
        Files.setAttribute(file, "unix:mode", 07640);
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://r", "127.0.0.1:1", "docker-hub"));

        journal.apply(ConfigFileKind.DAEMON_JSON, file, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8), null);
        assertThat(mode(file)).isEqualTo(07640);
        assertThat(dir.readState().orElseThrow().changes().get(0).mode()).isEqualTo("rwSr-S--T");
        ChangeJournal.undo(dir, dir.readState().orElseThrow(), w -> { });

        assertThat(Files.readString(file)).isEqualTo("{}");
        assertThat(mode(file)).isEqualTo(07640);
    }

    @Test
    void applyAndUndo_hardLinkedFile_otherNameKeepsTheOriginalAndTheLinkIsBroken() throws Exception {
        // Documented in docs/HOOK.md: the hook replaces files by rename, so it edits the name it is given only.
        StateDir dir = stateDir();
        Path file = tmp.resolve("daemon.json");
        Path other = tmp.resolve("daemon.json.link");
        Files.writeString(file, "{}");
        Files.createLink(other, file);
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://r", "127.0.0.1:1", "docker-hub"));

        journal.apply(ConfigFileKind.DAEMON_JSON, file, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8), null);
        assertThat(Files.readString(other)).isEqualTo("{}");
        ChangeJournal.undo(dir, dir.readState().orElseThrow(), w -> { });

        assertThat(Files.readString(file)).isEqualTo("{}");
        assertThat(Files.isSameFile(file, other)).isFalse();
        assertThat(Files.getAttribute(other, "unix:nlink")).isEqualTo(1);
    }

    private static int mode(Path file) throws Exception {
        return (Integer) Files.getAttribute(file, "unix:mode") & 07777;
    }

    @Test
    void undo_fileTheHookCreated_deletedWithItsDirectories() throws Exception {
        StateDir dir = stateDir();
        Path file = tmp.resolve("certs.d/docker.io/hosts.toml");
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://r", "127.0.0.1:1", "docker-hub"));

        journal.apply(ConfigFileKind.HOSTS_TOML, file, "x".getBytes(StandardCharsets.UTF_8), null);
        assertThat(file).exists();
        ChangeJournal.undo(dir, dir.readState().orElseThrow(), w -> { });

        assertThat(tmp.resolve("certs.d")).doesNotExist();
    }

    @Test
    void apply_sameBytes_nothingRecorded() throws Exception {
        StateDir dir = stateDir();
        Path file = tmp.resolve("a.toml");
        Files.writeString(file, "same");
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://r", "127.0.0.1:1", "docker-hub"));

        assertThat(journal.apply(ConfigFileKind.BUILDKITD_TOML, file, "same".getBytes(StandardCharsets.UTF_8), null)).isFalse();
        assertThat(journal.state().changes()).isEmpty();
    }

    @Test
    void undo_fileChangedByOthers_leftAsItIsWithWarning() throws Exception {
        StateDir dir = stateDir();
        Path file = tmp.resolve("daemon.json");
        Files.writeString(file, "{}");
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://r", "127.0.0.1:1", "docker-hub"));
        journal.apply(ConfigFileKind.DAEMON_JSON, file, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), null);
        Files.writeString(file, "{\"someone\":\"else\"}");
        List<String> warnings = new ArrayList<>();

        ChangeJournal.UndoResult result = ChangeJournal.undo(dir, dir.readState().orElseThrow(), warnings::add);

        assertThat(result.exact()).isFalse();
        assertThat(result.failed()).isFalse();
        assertThat(Files.readString(file)).isEqualTo("{\"someone\":\"else\"}");
        assertThat(warnings).singleElement().asString().contains("changed after the hook wrote it");
    }

    @Test
    void undo_dockerConfigChangedByOthers_onlyTheHooksLoginRemoved() throws Exception {
        StateDir dir = stateDir();
        Path file = tmp.resolve("config.json");
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://123456789012.dkr.ecr.us-east-1.amazonaws.com",
                "127.0.0.1:1", "docker-hub"));
        String host = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
        journal.apply(ConfigFileKind.DOCKER_CONFIG, file, DockerConfigLogin.merge(null, host, "QVdTOnB3"), AtomicFiles.OWNER_ONLY);
        Files.write(file, DockerConfigLogin.merge(Files.readAllBytes(file), "ghcr.io", "Z2g6eA=="));

        ChangeJournal.undo(dir, dir.readState().orElseThrow(), w -> { });

        String after = Files.readString(file);
        assertThat(after).contains("ghcr.io").doesNotContain(host).doesNotContain("QVdTOnB3");
    }

    @Test
    void undo_dockerConfigWithRefreshedLogin_stillRestoredExactly() throws Exception {
        StateDir dir = stateDir();
        String host = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
        Path file = tmp.resolve("config.json");
        byte[] original = "{\"auths\": {\"ghcr.io\": {\"auth\": \"Z2g6eA==\"}}, \"detachKeys\": \"ctrl-e,e\"}".getBytes(StandardCharsets.UTF_8);
        Files.write(file, original);
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://" + host, "127.0.0.1:1", "docker-hub"));
        journal.apply(ConfigFileKind.DOCKER_CONFIG, file, DockerConfigLogin.merge(original, host, "QVdTOmZpcnN0"), AtomicFiles.OWNER_ONLY);
        // What the mirror does on a token refresh:
        Files.write(file, DockerConfigLogin.merge(Files.readAllBytes(file), host, "QVdTOnNlY29uZA=="));
        List<String> warnings = new ArrayList<>();

        ChangeJournal.UndoResult result = ChangeJournal.undo(dir, dir.readState().orElseThrow(), warnings::add);

        assertThat(warnings).isEmpty();
        assertThat(result.exact()).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
    }

    @Test
    void undo_writeThatNeverHappened_silentAndExact() throws Exception {
        StateDir dir = stateDir();
        Path file = tmp.resolve("config.json");
        Files.writeString(file, "{\"auths\": {}}");
        Files.writeString(dir.originals().resolve("1-config.json"), "{\"auths\": {}}");
        // Recorded, then the atomic write failed (say a read-only bind mount): the file still holds the original.
        HookState state = HookState.begin("https://r.example", "127.0.0.1:1", "docker-hub").with(new FileChange(
                ConfigFileKind.DOCKER_CONFIG, file.toString(), true, "originals/1-config.json", "rw-r--r--", "0".repeat(64), List.of()));
        List<String> warnings = new ArrayList<>();

        ChangeJournal.UndoResult result = ChangeJournal.undo(dir, state, warnings::add);

        assertThat(result.exact()).isTrue();
        assertThat(warnings).isEmpty();
        assertThat(Files.readString(file)).isEqualTo("{\"auths\": {}}");
    }

    @Test
    void apply_symlinkedFile_targetReplacedLinkKept() throws Exception {
        StateDir dir = stateDir();
        Path real = tmp.resolve("real.json");
        Files.writeString(real, "{}");
        Path link = tmp.resolve("daemon.json");
        Files.createSymbolicLink(link, real);
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://r", "127.0.0.1:1", "docker-hub"));

        journal.apply(ConfigFileKind.DAEMON_JSON, link, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), null);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("{\"a\":1}");
        ChangeJournal.undo(dir, dir.readState().orElseThrow(), w -> { });
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("{}");
    }

    @Test
    void apply_newSecretFileInMissingDirs_dirsPrivateAndOwnedLikeTheirParent() throws Exception {
        StateDir dir = stateDir();
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        if ("root".equals(System.getProperty("user.name"))) {
            // As root the hook must hand new files to the directory's owner (the runner user, here "nobody").
            Files.setOwner(home, home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        }
        Path file = home.resolve(".docker/config.json");
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://r", "127.0.0.1:1", "docker-hub"));

        journal.apply(ConfigFileKind.DOCKER_CONFIG, file, "{}".getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".docker")))).isEqualTo("rwx------");
        assertThat(Files.getOwner(file)).isEqualTo(Files.getOwner(home));
        assertThat(Files.getOwner(home.resolve(".docker"))).isEqualTo(Files.getOwner(home));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void create_stateDirIsASymlink_refused() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("state-link"), real);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StateDir(link).create())
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("symbolic link");
    }

    @Test
    void stateFile_neverHoldsFileContent() throws Exception {
        StateDir dir = stateDir();
        Path file = tmp.resolve("config.json");
        ChangeJournal journal = new ChangeJournal(dir, HookState.begin("https://r", "127.0.0.1:1", "docker-hub"));
        journal.apply(ConfigFileKind.DOCKER_CONFIG, file, DockerConfigLogin.merge(null, "r", "U0VDUkVUOnNlY3JldA=="), AtomicFiles.OWNER_ONLY);

        assertThat(Files.readString(dir.stateFile())).doesNotContain("U0VDUkVUOnNlY3JldA==");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.stateFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
