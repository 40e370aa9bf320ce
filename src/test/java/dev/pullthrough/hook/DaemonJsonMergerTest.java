package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DaemonJsonMergerTest {
    private static final String MIRROR = "http://127.0.0.1:5155";

    @Test
    void merge_existingMirrorsAndSettings_proxyFirstEverythingElseKeptInOrder() throws Exception {
        byte[] merged = DaemonJsonMerger.merge(Fixtures.bytes("daemon-json/existing-mirrors.json"), MIRROR);

        assertThat(Fixtures.text(merged)).isEqualTo(Fixtures.text("daemon-json/existing-mirrors.expected.json"));
    }

    @Test
    void merge_missingFile_writesOnlyTheMirrorList() throws Exception {
        assertThat(Fixtures.text(DaemonJsonMerger.merge(null, MIRROR)))
                .isEqualTo("{\n  \"registry-mirrors\": [\n    \"http://127.0.0.1:5155\"\n  ]\n}\n");
    }

    @Test
    void merge_emptyFile_treatedAsEmptyObject() throws Exception {
        assertThat(DaemonJsonMerger.mirrors(DaemonJsonMerger.merge(" \n".getBytes(StandardCharsets.UTF_8), MIRROR)))
                .containsExactly(MIRROR);
    }

    @Test
    void merge_mergedOutput_isAFixedPoint() throws Exception {
        byte[] once = DaemonJsonMerger.merge(Fixtures.bytes("daemon-json/existing-mirrors.json"), MIRROR);
        assertThat(DaemonJsonMerger.merge(once, MIRROR)).isEqualTo(once);
    }

    @Test
    void merge_mirrorListedWithTrailingSlashOrOtherCase_notDuplicated() throws Exception {
        byte[] in = "{\"registry-mirrors\": [\"HTTP://127.0.0.1:5155/\", \"https://a.example\"]}".getBytes(StandardCharsets.UTF_8);
        assertThat(DaemonJsonMerger.mirrors(DaemonJsonMerger.merge(in, MIRROR))).containsExactly(MIRROR, "https://a.example");
    }

    @Test
    void merge_otherPort_keptAsASeparateMirror() throws Exception {
        byte[] in = "{\"registry-mirrors\": [\"http://127.0.0.1:6000\"]}".getBytes(StandardCharsets.UTF_8);
        assertThat(DaemonJsonMerger.mirrors(DaemonJsonMerger.merge(in, MIRROR))).containsExactly(MIRROR, "http://127.0.0.1:6000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated.json", "duplicate-key.json", "mirrors-not-list.json", "not-object.json"})
    void merge_invalidFile_throwsNamingTheProblem(String fixture) {
        assertThatThrownBy(() -> DaemonJsonMerger.merge(Fixtures.bytes("daemon-json/" + fixture), MIRROR))
                .isInstanceOf(InvalidConfigFileException.class)
                .hasMessageStartingWith("daemon.json: ");
    }

    @Test
    void merge_truncatedJson_messageSaysWhere() {
        assertThatThrownBy(() -> DaemonJsonMerger.merge(Fixtures.bytes("daemon-json/truncated.json"), MIRROR))
                .hasMessageContaining("not valid JSON").hasMessageContaining("line 1");
    }

    @Test
    void merge_nonStringMirror_throws() {
        byte[] in = "{\"registry-mirrors\": [42]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DaemonJsonMerger.merge(in, MIRROR))
                .isInstanceOf(InvalidConfigFileException.class).hasMessageContaining("42");
    }
}
