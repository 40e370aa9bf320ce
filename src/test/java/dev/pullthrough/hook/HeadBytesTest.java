package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadBytesTest {
    private static String text(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesTextBytesNumbersAndHeaderLinesInOrder() {
        ByteBuffer b = new HeadBytes(8).append("HTTP/1.1 ").append(200).append(' ').append("OK\r\n")
                .header("Content-Length", "12").append("X: ".getBytes(StandardCharsets.ISO_8859_1)).append("y\r\n")
                .append("\r\n").toBuffer();

        assertThat(text(b)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 12\r\nX: y\r\n\r\n");
    }

    @Test
    void growsPastItsFirstCapacityWithoutLosingBytes() {
        String long1 = "a".repeat(5000);
        HeadBytes h = new HeadBytes(16).append("start ").append(long1).append(" end");

        assertThat(h.length()).isEqualTo(5010);
        assertThat(text(h.toBuffer())).isEqualTo("start " + long1 + " end");
    }

    @Test
    void writesCharactersOutsideLatin1AsQuestionMarksNeverAsTheirLowByte() {
        // U+010A's low byte is a line feed: truncating it would let a value split the head.
        assertThat(text(new HeadBytes(4).append("a\u010Ab\u20AC").append('\u010D').toBuffer())).isEqualTo("a?b??");
    }

    @Test
    void latin1CharactersKeepTheirByte() {
        ByteBuffer b = new HeadBytes(4).append("caf\u00E9").toBuffer();

        assertThat(b.remaining()).isEqualTo(4);
        assertThat(b.get(3)).isEqualTo((byte) 0xE9);
    }
}
