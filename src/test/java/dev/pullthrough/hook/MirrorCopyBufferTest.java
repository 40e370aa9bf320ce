package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The copy buffer an answer's body streams through: its size bounds the mirror's heap under many bodies at once. */
class MirrorCopyBufferTest {
    private static final long BLOB = 200L << 20;

    @Test
    void manifest_noLargerThanItsBody() {
        assertThat(MirrorProxy.copyBuffer(3000, true)).hasSize(3000);
        assertThat(MirrorProxy.copyBuffer(10, false)).hasSize(1024);
    }

    @Test
    void blob_fewExchangesInFlight_getsTheLargeBuffer_manyGetTheSmallOne() {
        assertThat(MirrorProxy.copyBuffer(BLOB, true)).hasSize(256 * 1024);
        assertThat(MirrorProxy.copyBuffer(BLOB, false)).hasSize(64 * 1024);
        assertThat(MirrorProxy.copyBuffer(-1, false)).as("no Content-Length").hasSize(64 * 1024);
    }
}
