package dev.pullthrough.hook;

import java.util.ArrayList;
import java.util.List;

/**
 * What request heads ({@link RequestHead}) and the registry's response heads ({@link UpstreamResponseHead}) share:
 * where a head ends in the bytes read so far (the blank line, CR LF or bare LF), and its lines.
 */
final class MessageHead {
    private MessageHead() {
    }

    /** Where a head ends in {@code buf[0, limit)}: the index after the blank line, or -1 when not complete yet. */
    static int end(byte[] buf, int limit) {
        for (int i = 0; i < limit; i++) {
            if (buf[i] == '\n') {
                if (i + 1 < limit && buf[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < limit && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** The lines of a head, without their CR LF (or bare LF): split by hand, as no regex is needed. */
    static String[] lines(String text) {
        List<String> lines = new ArrayList<>(16);
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            int end = nl < 0 ? text.length() : nl;
            lines.add(text.substring(from, end > from && text.charAt(end - 1) == '\r' ? end - 1 : end));
            from = end + 1;
        }
        return lines.toArray(new String[0]);
    }
}
