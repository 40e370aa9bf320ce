package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerdHostsTomlTest {
    private static final String MIRROR = "http://127.0.0.1:5155";

    @ParameterizedTest
    @ValueSource(strings = {"existing-hosts", "server-only-no-newline", "stale-own-table-last"})
    void merge_fixture_matchesExpected(String name) throws Exception {
        byte[] merged = ContainerdHostsToml.merge(Fixtures.bytes("hosts-toml/" + name + ".toml"), MIRROR);

        assertThat(Fixtures.text(merged)).isEqualTo(Fixtures.text("hosts-toml/" + name + ".expected.toml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"existing-hosts", "server-only-no-newline", "stale-own-table-last"})
    void merge_twice_sameBytes(String name) throws Exception {
        byte[] once = ContainerdHostsToml.merge(Fixtures.bytes("hosts-toml/" + name + ".toml"), MIRROR);
        assertThat(Fixtures.text(ContainerdHostsToml.merge(once, MIRROR))).isEqualTo(Fixtures.text(once));
    }

    @Test
    void merge_missingFile_serverAndMirror() throws Exception {
        assertThat(Fixtures.text(ContainerdHostsToml.merge(null, MIRROR)))
                .isEqualTo(Fixtures.text("hosts-toml/missing.expected.toml"));
    }

    @Test
    void merge_emptyFile_mirrorOnly() throws Exception {
        assertThat(Fixtures.text(ContainerdHostsToml.merge(new byte[0], MIRROR)))
                .isEqualTo("[host.\"http://127.0.0.1:5155\"]\n  capabilities = [\"pull\", \"resolve\"]\n");
    }

    @Test
    void merge_crlfFile_insertedLinesUseCrlfToo() throws Exception {
        String in = "server = \"https://registry-1.docker.io\"\r\n\r\n[host.\"https://m.example\"]\r\n  capabilities = [\"pull\"]\r\n";

        byte[] merged = ContainerdHostsToml.merge(in.getBytes(StandardCharsets.UTF_8), MIRROR);

        assertThat(Fixtures.text(merged)).isEqualTo("server = \"https://registry-1.docker.io\"\r\n\r\n"
                + "[host.\"http://127.0.0.1:5155\"]\r\n  capabilities = [\"pull\", \"resolve\"]\r\n\r\n"
                + "[host.\"https://m.example\"]\r\n  capabilities = [\"pull\"]\r\n");
        assertThat(ContainerdHostsToml.merge(merged, MIRROR)).isEqualTo(merged);
    }

    @Test
    void merge_unterminatedString_refusedWithLine() {
        assertThatThrownBy(() -> ContainerdHostsToml.merge(Fixtures.bytes("hosts-toml/unterminated-string.toml"), MIRROR))
                .isInstanceOf(InvalidConfigFileException.class)
                .hasMessageContaining("hosts.toml").hasMessageContaining("line 1");
    }

    @Test
    void merge_notUtf8_refused() {
        assertThatThrownBy(() -> ContainerdHostsToml.merge(new byte[] {(byte) 0xff, (byte) 0xfe, 'a'}, MIRROR))
                .isInstanceOf(InvalidConfigFileException.class).hasMessageContaining("UTF-8");
    }

    private static String merge(String in) throws Exception {
        return Fixtures.text(ContainerdHostsToml.merge(in.getBytes(StandardCharsets.UTF_8), MIRROR));
    }

    @Test
    void merge_inlineHostTable_refusedNamingTheLayout() {
        String in = "server = \"https://registry-1.docker.io\"\nhost = { \"https://m.example\" = { capabilities = [\"pull\"] } }\n";

        assertThatThrownBy(() -> merge(in)).isInstanceOf(InvalidConfigFileException.class)
                .hasMessageContaining("host = {...}").hasMessageContaining("[host.\"URL\"] table");
    }

    @Test
    void merge_arrayOfHostTables_refused() {
        String in = "[[host]]\n  url = \"https://m.example\"\n";

        assertThatThrownBy(() -> merge(in)).isInstanceOf(InvalidConfigFileException.class)
                .hasMessageContaining("[[host]] is an array of tables");
    }

    @Test
    void merge_tableDefinedTwice_refusedByTheRealParser() {
        String in = "[host.\"https://m.example\"]\n  capabilities = [\"pull\"]\n[host.\"https://m.example\"]\n  ca = \"x\"\n";

        assertThatThrownBy(() -> merge(in)).isInstanceOf(InvalidConfigFileException.class)
                .hasMessageContaining("not valid TOML").hasMessageContaining("line 3");
    }

    @Test
    void merge_dottedHostsInTheRootTable_mirrorAddedAsTheFirstDottedHost() throws Exception {
        String in = "server = \"https://registry-1.docker.io\"\n# corporate mirror\nhost.\"https://m.example\".capabilities = [\"pull\"]\n"
                + "host.\"https://m.example\".skip_verify = true\n";

        String out = merge(in);

        assertThat(out).isEqualTo("server = \"https://registry-1.docker.io\"\nhost.\"" + MIRROR
                + "\".capabilities = [\"pull\", \"resolve\"]\n# corporate mirror\nhost.\"https://m.example\".capabilities = [\"pull\"]\n"
                + "host.\"https://m.example\".skip_verify = true\n");
        assertThat(merge(out)).isEqualTo(out);
    }

    @Test
    void merge_dottedHostsInAHostTable_mirrorAddedAsItsFirstEntry() throws Exception {
        String in = "[host]\n  \"https://m.example\".capabilities = [\"pull\"]\n  \"https://n.example\" = { capabilities = [\"pull\"] }\n";

        String out = merge(in);

        assertThat(out).isEqualTo("[host]\n  \"" + MIRROR + "\".capabilities = [\"pull\", \"resolve\"]\n"
                + "  \"https://m.example\".capabilities = [\"pull\"]\n  \"https://n.example\" = { capabilities = [\"pull\"] }\n");
        assertThat(merge(out)).isEqualTo(out);
    }

    @Test
    void merge_dottedHostBeforeHostTables_mirrorStillFirst() throws Exception {
        String in = "host.\"https://m.example\".capabilities = [\"pull\"]\n\n[host.\"https://n.example\"]\n  capabilities = [\"pull\"]\n";

        String out = merge(in);

        assertThat(out).startsWith("host.\"" + MIRROR + "\".capabilities = [\"pull\", \"resolve\"]\nhost.\"https://m.example\"");
        assertThat(out).endsWith(in.substring(in.indexOf('\n') + 1));
    }
}
