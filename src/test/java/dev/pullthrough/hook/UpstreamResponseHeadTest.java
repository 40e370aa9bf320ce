package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpstreamResponseHeadTest {
    private static UpstreamResponseHead parse(String head) throws UpstreamResponseHead.MalformedHead {
        byte[] bytes = (head + "trailing body bytes").getBytes(StandardCharsets.ISO_8859_1);
        return UpstreamResponseHead.parse(bytes, head.length());
    }

    @Test
    void readsStatusLengthAndHeadersInOrderWithValuesTrimmed() throws Exception {
        UpstreamResponseHead head = parse("HTTP/1.1 200 OK\r\nContent-Type:  application/json \r\n"
                + "Docker-Content-Digest:\tsha256:abc\r\ncontent-length: 42\r\n\r\n");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.contentLength()).isEqualTo(42);
        assertThat(head.chunked()).isFalse();
        assertThat(head.close()).isFalse();
        assertThat(head.headers()).extracting(h -> h[0] + "=" + h[1]).containsExactly(
                "Content-Type=application/json", "Docker-Content-Digest=sha256:abc", "content-length=42");
    }

    @Test
    void acceptsBareLineFeeds() throws Exception {
        UpstreamResponseHead head = parse("HTTP/1.1 404 Not Found\nContent-Length: 0\n\n");

        assertThat(head.status()).isEqualTo(404);
        assertThat(head.contentLength()).isZero();
        assertThat(head.headers()).hasSize(1);
    }

    @Test
    void chunkedWinsOverALengthAndReportsNoLength() throws Exception {
        UpstreamResponseHead head = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\nContent-Length: 9\r\n\r\n");

        assertThat(head.chunked()).isTrue();
        assertThat(head.contentLength()).isEqualTo(-1);
    }

    @Test
    void http10ClosesUnlessAskedToKeepAliveAndHttp11ClosesWhenTold() throws Exception {
        assertThat(parse("HTTP/1.0 200 OK\r\n\r\n").close()).isTrue();
        assertThat(parse("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n\r\n").close()).isFalse();
        assertThat(parse("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n").close()).isTrue();
    }

    @Test
    void refusesHeadsItCannotReadInsteadOfGuessing() {
        for (String bad : new String[] {"HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n",
                "HTTP/1.1 100 Continue\r\n\r\n"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(UpstreamResponseHead.MalformedHead.class);
        }
    }
}
