package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MirrorErrorTest {
    @Test
    void message_mirrorsErrorBody_isItsFirstMessage() {
        String body = "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"the registry did not answer in time\"}]}\n";

        assertThat(MirrorError.message(stream(body))).contains("the registry did not answer in time");
    }

    @Test
    void message_notTheMirrorsForm_isEmpty() {
        assertThat(MirrorError.message(stream("<html>bad gateway</html>"))).isEmpty();
        assertThat(MirrorError.message(stream("{\"errors\":[]}"))).isEmpty();
        assertThat(MirrorError.message(null)).isEmpty();
    }

    @Test
    void untrustedRegistry_tlsFailure_namesTheCauseAndTheFixAsValidJson() {
        String text = MirrorProxy.untrustedRegistry(new IOException("PKIX path building failed: \"x\" \\ y"));

        assertThat(text).contains("TLS certificate was not accepted", "PKIX path building failed",
                "-Djavax.net.ssl.trustStore=FILE", "PULLTHROUGH_HOOK_PROXY_JAVA_OPTS");
        String body = new String(MirrorProxy.errorBody("UNAVAILABLE", text), StandardCharsets.UTF_8);
        assertThat(body.substring(body.indexOf("PKIX"))).doesNotContain("\\").contains("'x' ' y");
        assertThat(MirrorError.message(stream(body))).hasValueSatisfying(m -> assertThat(m).startsWith(
                "the registry's TLS certificate was not accepted (PKIX path building failed: 'x' ' y)"));
    }

    @Test
    void errorBody_messageQuotingAClient_staysValidJson() {
        String body = new String(MirrorProxy.errorBody("NAME_UNKNOWN", "no rule for upstream a\"b\\c\u00e9"),
                StandardCharsets.UTF_8);

        assertThat(MirrorError.message(stream(body))).contains("no rule for upstream a'b'c?");
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
