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
                .isEqualTo("{\n  \"registry-mirrors\": [\"http://127.0.0.1:5155\"]\n}\n");
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

    @Test
    void merge_valuesJacksonWouldRewrite_keepTheirExactText() throws Exception {
        String in = "{\"a\": -0, \"b\": 0.1e1, \"c\": 1e400, \"d\": \"\\ud800\", \"e\": 1.0, \"f\": [ -0.0E-0 ],\n"
                + "  \"g\":{\"h\" :\"\\u00e9\\/\"}}";

        String out = Fixtures.text(DaemonJsonMerger.merge(in.getBytes(StandardCharsets.UTF_8), MIRROR));

        assertThat(out).isEqualTo("{\"a\": -0, \"b\": 0.1e1, \"c\": 1e400, \"d\": \"\\ud800\", \"e\": 1.0, \"f\": [ -0.0E-0 ],\n"
                + "  \"g\":{\"h\" :\"\\u00e9\\/\"},\n  \"registry-mirrors\": [\"http://127.0.0.1:5155\"]}");
    }

    @Test
    void merge_keyMissingInAHandFormattedFile_addedLastWithTheSameIndent() throws Exception {
        String in = "{\r\n\t\"debug\": true,\r\n\t\"mtu\": 1500\r\n}\r\n";

        assertThat(Fixtures.text(DaemonJsonMerger.merge(in.getBytes(StandardCharsets.UTF_8), MIRROR)))
                .isEqualTo("{\r\n\t\"debug\": true,\r\n\t\"mtu\": 1500,\r\n\t\"registry-mirrors\": [\"http://127.0.0.1:5155\"]\r\n}\r\n");
    }

    @Test
    void merge_emptyObjects_oneLineAndMultiLine() throws Exception {
        assertThat(Fixtures.text(DaemonJsonMerger.merge("{}".getBytes(StandardCharsets.UTF_8), MIRROR)))
                .isEqualTo("{\"registry-mirrors\": [\"http://127.0.0.1:5155\"]}");
        assertThat(Fixtures.text(DaemonJsonMerger.merge("{\n}\n".getBytes(StandardCharsets.UTF_8), MIRROR)))
                .isEqualTo("{\n  \"registry-mirrors\": [\"http://127.0.0.1:5155\"]\n}\n");
    }

    @Test
    void merge_mirrorsNullOrWithEscapes_replacedAndOthersKeptInTheirSpelling() throws Exception {
        assertThat(Fixtures.text(DaemonJsonMerger.merge("{\"registry-mirrors\": null}".getBytes(StandardCharsets.UTF_8), MIRROR)))
                .isEqualTo("{\"registry-mirrors\": [\"http://127.0.0.1:5155\"]}");
        String in = "{\"registry-mirrors\" : [\n  \"https:\\/\\/a.example\" ,\n  \"https://b.example\"\n], \"x\": 1}";
        assertThat(Fixtures.text(DaemonJsonMerger.merge(in.getBytes(StandardCharsets.UTF_8), MIRROR)))
                .isEqualTo("{\"registry-mirrors\" : [\"http://127.0.0.1:5155\", \"https:\\/\\/a.example\", \"https://b.example\"], \"x\": 1}");
    }

    @Test
    void merge_byteOrderMark_keptAndMerged() throws Exception {
        byte[] in = "\uFEFF{\"debug\": true}".getBytes(StandardCharsets.UTF_8);

        assertThat(Fixtures.text(DaemonJsonMerger.merge(in, MIRROR)))
                .isEqualTo("\uFEFF{\"debug\": true, \"registry-mirrors\": [\"http://127.0.0.1:5155\"]}");
    }

    @Test
    void clearingMirrors_keyMissing_addsAnEmptyListKeepingTheText() throws Exception {
        assertThat(Fixtures.text(DaemonJsonMerger.clearingMirrors("{\"n\": -0}\n".getBytes(StandardCharsets.UTF_8)).orElseThrow()))
                .isEqualTo("{\"n\": -0, \"registry-mirrors\": []}\n");
        assertThat(DaemonJsonMerger.clearingMirrors("{\"registry-mirrors\": []}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void merge_deeplyNested_plainMessageNoLocationCrash() {
        byte[] in = ("{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> DaemonJsonMerger.merge(in, MIRROR)).isInstanceOf(InvalidConfigFileException.class)
                .hasMessageStartingWith("daemon.json: not a configuration file the hook can read: nested deeper than 100 levels")
                .hasMessageNotContaining("JsonLocation").hasMessageNotContaining("StreamReadConstraints");
    }
}
