package dev.pullthrough.hook;

import java.nio.ByteBuffer;

/**
 * An HTTP head being written straight into ISO-8859-1 bytes, handed out as a buffer over its own array.
 *
 * <p>Written by hand because the obvious route ({@code StringBuilder}, {@code toString}, {@code getBytes}) copies
 * a head three to five times, and every head the mirror sends upstream carries the ECR token (2-3 KB of base64). At
 * a burst of 200 requests those copies were the mirror's largest allocation; the garbage made young collections run
 * mid-burst and promote requests still in flight, which grew the heap (docs/PERFORMANCE.md, "The mirror's memory,
 * second pass"). Sized by the caller so it never grows in the common case.
 */
final class HeadBytes {
    private byte[] buf;
    private int len;

    HeadBytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** Appends text; a character outside ISO-8859-1 becomes '?', as {@code getBytes(ISO_8859_1)} would write it. */
    HeadBytes append(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            buf[len++] = (byte) (c <= 0xFF ? c : '?');
        }
        return this;
    }

    HeadBytes append(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    HeadBytes append(char c) {
        room(1);
        buf[len++] = (byte) (c <= 0xFF ? c : '?');
        return this;
    }

    HeadBytes append(long n) {
        return append(Long.toString(n));
    }

    /** A header line, {@code name: value} and CR LF. */
    HeadBytes header(String name, String value) {
        room(name.length() + value.length() + 4);
        return append(name).append(": ").append(value).append("\r\n");
    }

    /** What was written, as a buffer over this builder's array (not a copy): write nothing more after this. */
    ByteBuffer toBuffer() {
        return ByteBuffer.wrap(buf, 0, len);
    }

    int length() {
        return len;
    }

    private void room(int more) {
        if (len + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
        }
    }
}
