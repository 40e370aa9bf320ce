package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DockerConfigLoginTest {
    private static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

    @Test
    void merge_existingConfig_addsAuthKeepsOtherKeysAndLogins() throws Exception {
        byte[] in = ("{\"auths\": {\"ghcr.io\": {\"auth\": \"Z2g6eA==\"}}, \"psFormat\": \"table {{.ID}}\","
                + " \"proxies\": {\"default\": {\"httpProxy\": \"http://p:3128\"}}}").getBytes(StandardCharsets.UTF_8);

        JsonNode out = JsonFiles.MAPPER.readTree(DockerConfigLogin.merge(in, HOST, "QVdTOnB3"));

        assertThat(out.at("/auths/" + HOST.replace("/", "~1") + "/auth").asText()).isEqualTo("QVdTOnB3");
        assertThat(out.at("/auths/ghcr.io/auth").asText()).isEqualTo("Z2g6eA==");
        assertThat(out.get("psFormat").asText()).isEqualTo("table {{.ID}}");
        assertThat(out.at("/proxies/default/httpProxy").asText()).isEqualTo("http://p:3128");
    }

    @Test
    void merge_missingFile_tabIndentedLikeTheDockerCli() throws Exception {
        assertThat(Fixtures.text(DockerConfigLogin.merge(null, HOST, "QVdTOnB3")))
                .isEqualTo("{\n\t\"auths\": {\n\t\t\"" + HOST + "\": {\n\t\t\t\"auth\": \"QVdTOnB3\"\n\t\t}\n\t}\n}\n");
    }

    @Test
    void remove_afterMerge_onlyTheHooksEntryGoes() throws Exception {
        byte[] in = "{\"auths\": {\"ghcr.io\": {\"auth\": \"Z2g6eA==\"}}}".getBytes(StandardCharsets.UTF_8);
        JsonNode out = JsonFiles.MAPPER.readTree(DockerConfigLogin.remove(DockerConfigLogin.merge(in, HOST, "QVdTOnB3"), HOST));
        assertThat(out.get("auths").has(HOST)).isFalse();
        assertThat(out.at("/auths/ghcr.io/auth").asText()).isEqualTo("Z2g6eA==");
    }

    @Test
    void helperWarning_credsStore_warns() throws Exception {
        byte[] in = "{\"credsStore\": \"pass\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(DockerConfigLogin.helperWarning(in, HOST)).get().asString().contains("credsStore");
        assertThat(DockerConfigLogin.helperWarning(null, HOST)).isEmpty();
    }

    @Test
    void merge_authsNotAnObject_throws() {
        byte[] in = "{\"auths\": []}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DockerConfigLogin.merge(in, HOST, "QVdTOnB3"))
                .isInstanceOf(InvalidConfigFileException.class).hasMessageContaining("auths");
    }
}
