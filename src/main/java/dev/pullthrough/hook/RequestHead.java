package dev.pullthrough.hook;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.x request line and its headers, as the mirror's server read them. The target is kept raw (not decoded):
 * the path checks run on what the client sent.
 *
 * @param headers name/value pairs in the order sent; names as sent
 */
public record RequestHead(String method, String rawPath, String rawQuery, String version, List<String[]> headers,
        InetAddress peer) {
    public RequestHead {
        headers = List.copyOf(headers);
    }

    /**
     * Parses a request line and its headers (the text up to the blank line); null when malformed: not HTTP/1.0 or
     * 1.1, a target that is not a path, a control character in the method or target, a header without a name,
     * obsolete line folding, space before a colon, or a bare CR in a header.
     */
    static RequestHead parse(String text, InetAddress peer) {
        String[] lines = MessageHead.lines(text);
        int firstLine = 0;
        while (firstLine < lines.length && lines[firstLine].isEmpty()) {
            firstLine++; // a stray CRLF before a request is allowed
        }
        if (firstLine >= lines.length) {
            return null;
        }
        String[] parts = lines[firstLine].split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
                || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0")) || hasControl(parts[0])
                || hasControl(parts[1])) {
            return null;
        }
        List<String[]> headers = new ArrayList<>();
        for (int i = firstLine + 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.charAt(colon - 1) == ' '
                    || line.indexOf('\r') >= 0) {
                return null; // a bare CR is a line break to some servers: forwarded, it would add a header upstream
            }
            headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
        }
        String target = parts[1];
        int q = target.indexOf('?');
        return new RequestHead(parts[0], q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                parts[2], headers, peer);
    }

    /** A control character (a bare CR above all) in the method or target: forwarded, it could split the line. */
    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** The first value of a header, by name in any case, or null. */
    public String first(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    /** Every value of a header, by name in any case. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                values.add(h[1]);
            }
        }
        return values;
    }

    /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked to keep it. */
    boolean wantsKeepAlive() {
        String connection = first("Connection");
        String c = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        return version.equals("HTTP/1.1") ? !c.contains("close") : c.contains("keep-alive");
    }

    /** A request with a body the mirror does not read: the connection cannot be reused after it. */
    boolean hasBody() {
        String length = first("Content-Length");
        return first("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
    }
}
