package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuildkitdTomlTest {
    private static final String MIRROR = "127.0.0.1:5155";

    @ParameterizedTest
    @ValueSource(strings = {"existing", "table-without-mirrors", "multiline"})
    void merge_fixture_matchesExpected(String name) throws Exception {
        byte[] merged = BuildkitdToml.merge(Fixtures.bytes("buildkitd-toml/" + name + ".toml"), MIRROR);

        assertThat(Fixtures.text(merged)).isEqualTo(Fixtures.text("buildkitd-toml/" + name + ".expected.toml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"existing", "table-without-mirrors", "multiline"})
    void merge_twice_sameBytes(String name) throws Exception {
        byte[] once = BuildkitdToml.merge(Fixtures.bytes("buildkitd-toml/" + name + ".toml"), MIRROR);
        assertThat(Fixtures.text(BuildkitdToml.merge(once, MIRROR))).isEqualTo(Fixtures.text(once));
    }

    @Test
    void merge_missingFile_bothTables() throws Exception {
        assertThat(Fixtures.text(BuildkitdToml.merge(null, MIRROR)))
                .isEqualTo(Fixtures.text("buildkitd-toml/missing.expected.toml"));
    }

    @Test
    void merge_crlfFile_insertedLinesUseCrlfToo() throws Exception {
        String in = "[registry.\"docker.io\"]\r\n  mirrors = [\"a.example\"]\r\n";

        byte[] merged = BuildkitdToml.merge(in.getBytes(StandardCharsets.UTF_8), MIRROR);

        assertThat(Fixtures.text(merged)).isEqualTo("[registry.\"docker.io\"]\r\n  mirrors = [\"127.0.0.1:5155\", \"a.example\"]\r\n"
                + "\r\n[registry.\"127.0.0.1:5155\"]\r\n  http = true\r\n");
        assertThat(BuildkitdToml.merge(merged, MIRROR)).isEqualTo(merged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dotted-key", "inline-table", "mirrors-not-array"})
    void merge_layoutTheEditorDoesNotHandle_refusedNotRewritten(String name) {
        assertThatThrownBy(() -> BuildkitdToml.merge(Fixtures.bytes("buildkitd-toml/" + name + ".toml"), MIRROR))
                .isInstanceOf(InvalidConfigFileException.class)
                .hasMessageStartingWith("buildkitd.toml: ")
                .hasMessageContaining("docker.io");
    }

    private static String mergeText(String in) throws Exception {
        return Fixtures.text(BuildkitdToml.merge(in.getBytes(StandardCharsets.UTF_8), MIRROR));
    }

    @Test
    void merge_multiLineMirrorsWithComments_commentsAndLayoutKept() throws Exception {
        String in = "[registry.\"docker.io\"]\n  mirrors = [ # tried in order\n    # corporate cache\n    \"cache.corp:5000\",\n"
                + "    \"mirror.gcr.io\", # public\n  ]\n";

        String out = mergeText(in);

        assertThat(out).startsWith("[registry.\"docker.io\"]\n  mirrors = [ # tried in order\n    \"" + MIRROR + "\",\n"
                + "    # corporate cache\n    \"cache.corp:5000\",\n    \"mirror.gcr.io\", # public\n  ]\n");
        assertThat(mergeText(out)).isEqualTo(out);
    }

    @Test
    void merge_mirrorListedLaterWithComments_movedFirstCommentsKept() throws Exception {
        String in = "[registry.\"docker.io\"]\n  mirrors = [\"a.example\", # a\n    \"" + MIRROR + "\" # old\n  ]\n";

        String out = mergeText(in);

        assertThat(out).startsWith("[registry.\"docker.io\"]\n  mirrors = [\"" + MIRROR + "\", \"a.example\", # a\n     # old\n  ]\n");
    }

    @Test
    void merge_emptyArrayWithAComment_mirrorAdded() throws Exception {
        assertThat(mergeText("[registry.\"docker.io\"]\n  mirrors = [\n    # none yet\n  ]\n"))
                .startsWith("[registry.\"docker.io\"]\n  mirrors = [\"" + MIRROR + "\"\n    # none yet\n  ]\n");
    }

    @Test
    void merge_invalidToml_refusedByTheRealParser() {
        assertThatThrownBy(() -> mergeText("[worker.oci]\n  enabled = true\n[worker.oci]\n  gc = true\n"))
                .isInstanceOf(InvalidConfigFileException.class).hasMessageContaining("not valid TOML");
    }
}
