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
