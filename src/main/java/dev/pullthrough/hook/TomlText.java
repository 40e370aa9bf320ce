package dev.pullthrough.hook;

import dev.pullthrough.hook.TomlScanner.Entry;
import dev.pullthrough.hook.TomlScanner.Header;
import dev.pullthrough.hook.TomlScanner.Item;
import dev.pullthrough.hook.TomlScanner.Trivia;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Text-level helpers shared by the TOML editors: find a table, its entries, and splice text in. */
final class TomlText {
    private TomlText() {
    }

    /** A table: its header and the items up to the next header. */
    record Table(Header header, List<Item> items) {
        Optional<Entry> entry(String key) {
            for (Item item : items) {
                if (item instanceof Entry e && e.key().equals(List.of(key))) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        /** End of the last key/value line (or of the header): where the table's content stops. */
        int contentEnd() {
            int end = header.end();
            for (Item item : items) {
                if (item instanceof Entry e) {
                    end = e.end();
                }
            }
            return end;
        }
    }

    static List<Table> tables(List<Item> items) {
        List<Table> tables = new ArrayList<>();
        Header current = null;
        List<Item> body = new ArrayList<>();
        for (Item item : items) {
            if (item instanceof Header h) {
                if (current != null) {
                    tables.add(new Table(current, List.copyOf(body)));
                }
                current = h;
                body.clear();
            } else if (current != null) {
                body.add(item);
            }
        }
        if (current != null) {
            tables.add(new Table(current, List.copyOf(body)));
        }
        return tables;
    }

    /** Entries before the first header (the root table). */
    static List<Entry> rootEntries(List<Item> items) {
        List<Entry> out = new ArrayList<>();
        for (Item item : items) {
            if (item instanceof Header) {
                break;
            }
            if (item instanceof Entry e) {
                out.add(e);
            }
        }
        return out;
    }

    /** Start of the comment lines directly above {@code index} (no blank line between), to keep them with it. */
    static int startWithLeadingComments(List<Item> items, int index) {
        int start = items.get(index).start();
        for (int i = index - 1; i >= 0; i--) {
            if (items.get(i) instanceof Trivia t && !t.blank()) {
                start = t.start();
            } else {
                break;
            }
        }
        return start;
    }

    /** Appends a table block at the end, separated from existing content by one blank line. */
    static String append(String text, String block) {
        String nl = newline(text);
        StringBuilder out = new StringBuilder(text);
        if (!text.isEmpty()) {
            if (!text.endsWith("\n")) {
                out.append(nl);
            }
            if (!out.toString().endsWith(nl + nl)) {
                out.append(nl);
            }
        }
        return out.append(block.replace("\n", nl)).toString();
    }

    /** Replaces {@code text[from, to)}; new lines use the file's line ending. */
    static String splice(String text, int from, int to, String replacement) {
        return text.substring(0, from) + replacement.replace("\n", newline(text)) + text.substring(to);
    }

    /** The file's line ending: CRLF when it uses CRLF, else LF. */
    static String newline(String text) {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String stringArray(List<String> values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(v -> quoted.add(quote(v)));
        return "[" + String.join(", ", quoted) + "]";
    }

    /** Strict UTF-8 decoding: a file that is not UTF-8 is refused rather than silently altered. */
    static String decode(byte[] bytes, String label) throws InvalidConfigFileException {
        if (bytes == null) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidConfigFileException(label, "not UTF-8 text");
        }
    }

    /** The strings of a one-dimensional array of strings value, or empty when the value is anything else. */
    static Optional<List<String>> parseStringArray(String value) {
        return stringArrayElements(value).map(elements -> elements.stream().map(ArrayElement::value).toList());
    }

    /** A string in an array value: its text and its span {@code [start, end)} (quotes included) in the value. */
    record ArrayElement(String value, int start, int end) {
    }

    /**
     * The strings of a one-dimensional array of strings value ({@code value} starts with '[' and ends with ']'),
     * with their spans, or empty when the value is anything else.
     */
    static Optional<List<ArrayElement>> stringArrayElements(String value) {
        String v = value;
        if (!v.startsWith("[") || !v.endsWith("]")) {
            return Optional.empty();
        }
        List<ArrayElement> out = new ArrayList<>();
        int i = 1;
        int end = v.length() - 1;
        boolean expectValue = true;
        while (i < end) {
            char c = v.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                int nl = v.indexOf('\n', i);
                i = nl < 0 ? end : nl;
            } else if (c == ',') {
                if (expectValue) {
                    return Optional.empty();
                }
                expectValue = true;
                i++;
            } else if ((c == '"' || c == '\'') && expectValue) {
                StringBuilder s = new StringBuilder();
                int j = i + 1;
                while (j < end && v.charAt(j) != c) {
                    if (c == '"' && v.charAt(j) == '\\' && j + 1 < end) {
                        j++;
                    }
                    if (v.charAt(j) == '\n') {
                        return Optional.empty();
                    }
                    s.append(v.charAt(j));
                    j++;
                }
                if (j >= end) {
                    return Optional.empty();
                }
                out.add(new ArrayElement(s.toString(), i, j + 1));
                expectValue = false;
                i = j + 1;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }
}
