package dev.pullthrough.hook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registry's status line and headers, and how its body is framed: a length, chunks, or until the connection
 * closes. Parsed by hand from the bytes the event loop read (the JDK has no HTTP/1.1 parser for non-blocking
 * channels), strictly: a head that does not parse is a broken upstream (502), not something to guess at.
 *
 * @param headers name/value pairs in the order sent, names as sent
 * @param contentLength the body's length, -1 when not given
 */
record UpstreamResponseHead(int status, List<String[]> headers, long contentLength, boolean chunked, boolean close) {
    UpstreamResponseHead {
        headers = List.copyOf(headers);
    }

    /**
     * Parses a complete head; throws when it is not HTTP/1.x with a numeric status and well-formed headers. Read line
     * by line from the bytes: only the names and values become strings, not the head and then each line as well.
     */
    static UpstreamResponseHead parse(byte[] buf, int length) throws MalformedHead {
        int lineEnd = lineEnd(buf, 0, length);
        String statusLine = latin1(buf, 0, contentEnd(buf, 0, lineEnd));
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new MalformedHead("status line");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new MalformedHead("status code");
        }
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        List<String[]> headers = new ArrayList<>(16);
        long contentLength = -1;
        boolean chunked = false;
        boolean close = http10;
        for (int from = lineEnd + 1; from < length; from = lineEnd + 1) {
            lineEnd = lineEnd(buf, from, length);
            int end = contentEnd(buf, from, lineEnd);
            if (end == from) {
                break;
            }
            int colon = indexOf(buf, (byte) ':', from, end);
            if (colon <= from) {
                throw new MalformedHead("header line");
            }
            String name = trimmed(buf, from, colon);
            String value = trimmed(buf, colon + 1, end);
            if (name.equalsIgnoreCase("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new MalformedHead("Content-Length");
                }
                if (contentLength < 0) {
                    throw new MalformedHead("Content-Length");
                }
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
                String v = value.toLowerCase(Locale.ROOT);
                close = v.contains("close") || (http10 && !v.contains("keep-alive"));
            }
            headers.add(new String[] {name, value});
        }
        if (status < 200) {
            throw new MalformedHead("informational status " + status); // never asked for (no Expect, no upgrade)
        }
        return new UpstreamResponseHead(status, headers, chunked ? -1 : contentLength, chunked, close);
    }

    /** The index of the LF that ends the line starting at {@code from}, or {@code limit}. */
    private static int lineEnd(byte[] buf, int from, int limit) {
        int nl = indexOf(buf, (byte) '\n', from, limit);
        return nl < 0 ? limit : nl;
    }

    /** Where a line's content ends: before its CR, if it has one. */
    private static int contentEnd(byte[] buf, int from, int lineEnd) {
        return lineEnd > from && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
    }

    private static int indexOf(byte[] buf, byte b, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** {@code buf[from, to)} as text without the spaces and tabs around it, as {@code String.trim} would cut. */
    private static String trimmed(byte[] buf, int from, int to) {
        while (from < to && (buf[from] & 0xFF) <= ' ') {
            from++;
        }
        while (to > from && (buf[to - 1] & 0xFF) <= ' ') {
            to--;
        }
        return latin1(buf, from, to);
    }

    private static String latin1(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Whether the answer has a body on the wire: never for HEAD, 204 or 304. */
    boolean hasBody(boolean headRequest) {
        return !headRequest && status != 204 && status != 304;
    }

    /** A head the mirror cannot read: the upstream is answered as broken (502). */
    static final class MalformedHead extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedHead(String what) {
            super("malformed upstream response: " + what);
        }
    }
}
