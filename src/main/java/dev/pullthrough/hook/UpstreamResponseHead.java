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

    /** Parses a complete head; throws when it is not HTTP/1.x with a numeric status and well-formed headers. */
    static UpstreamResponseHead parse(byte[] buf, int length) throws MalformedHead {
        String[] lines = MessageHead.lines(new String(buf, 0, length, StandardCharsets.ISO_8859_1));
        String statusLine = lines.length > 0 ? lines[0] : "";
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
        List<String[]> headers = new ArrayList<>();
        long contentLength = -1;
        boolean chunked = false;
        boolean close = http10;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedHead("header line");
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            String lower = name.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "content-length" -> {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new MalformedHead("Content-Length");
                    }
                    if (contentLength < 0) {
                        throw new MalformedHead("Content-Length");
                    }
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                case "connection" -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    close = v.contains("close") || (http10 && !v.contains("keep-alive"));
                }
                default -> {
                    // Copied or dropped by the caller.
                }
            }
            headers.add(new String[] {name, value});
        }
        if (status < 200) {
            throw new MalformedHead("informational status " + status); // never asked for (no Expect, no upgrade)
        }
        return new UpstreamResponseHead(status, headers, chunked ? -1 : contentLength, chunked, close);
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
