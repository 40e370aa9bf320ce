package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Follows a chunked body ({@code Transfer-Encoding: chunked}) as its bytes pass through the mirror, to know where it
 * ends: the upstream connection goes back to the pool only then, and an HTTP/1.1 client gets the chunks as they are.
 * For an HTTP/1.0 client, which cannot read chunks, it also hands out the data bytes alone. Written by hand because
 * the JDK only de-chunks inside its blocking clients.
 */
final class ChunkedScanner {
    private enum State { SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER, TRAILER_LINE, TRAILER_LF, DONE }

    private static final int MAX_SIZE_DIGITS = 15; // a chunk below 2^60 bytes

    private State state = State.SIZE;
    private long remaining;
    private int digits;

    boolean done() {
        return state == State.DONE;
    }

    /**
     * Scans {@code buf[off, off+len)}; returns how many bytes belong to the body (fewer than {@code len} only when the
     * body ended inside the range). Data bytes are also put into {@code data} when it is not null.
     */
    int scan(byte[] buf, int off, int len, ByteBuffer data) throws IOException {
        int i = off;
        int end = off + len;
        while (i < end && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(remaining, end - i);
                if (data != null) {
                    data.put(buf, i, n);
                }
                i += n;
                remaining -= n;
                if (remaining == 0) {
                    state = State.DATA_CR;
                }
                continue;
            }
            byte b = buf[i++];
            switch (state) {
                case SIZE -> {
                    int v = Character.digit(b, 16);
                    if (v >= 0 && digits < MAX_SIZE_DIGITS) {
                        remaining = remaining * 16 + v;
                        digits++;
                    } else if (digits > 0 && (b == ';' || b == ' ' || b == '\t')) {
                        state = State.EXTENSION;
                    } else if (digits > 0 && b == '\r') {
                        state = State.SIZE_LF;
                    } else if (digits > 0 && b == '\n') {
                        afterSize();
                    } else {
                        throw new IOException("malformed chunk size");
                    }
                }
                case EXTENSION -> {
                    if (b == '\n') {
                        afterSize();
                    }
                }
                case SIZE_LF -> {
                    if (b != '\n') {
                        throw new IOException("malformed chunk size line");
                    }
                    afterSize();
                }
                case DATA_CR -> {
                    if (b == '\n') {
                        nextChunk();
                    } else if (b == '\r') {
                        state = State.DATA_LF;
                    } else {
                        throw new IOException("chunk longer than its size");
                    }
                }
                case DATA_LF -> {
                    if (b != '\n') {
                        throw new IOException("malformed chunk end");
                    }
                    nextChunk();
                }
                case TRAILER -> {
                    if (b == '\n') {
                        state = State.DONE; // the empty line after the last chunk
                    } else if (b == '\r') {
                        state = State.TRAILER_LF;
                    } else {
                        state = State.TRAILER_LINE;
                    }
                }
                case TRAILER_LF -> {
                    if (b != '\n') {
                        throw new IOException("malformed chunked body end");
                    }
                    state = State.DONE;
                }
                case TRAILER_LINE -> {
                    if (b == '\n') {
                        state = State.TRAILER;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return i - off;
    }

    private void afterSize() {
        state = remaining == 0 ? State.TRAILER : State.DATA;
    }

    private void nextChunk() {
        state = State.SIZE;
        remaining = 0;
        digits = 0;
    }
}
