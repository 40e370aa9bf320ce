package dev.pullthrough.hook;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal TOML reader that finds table headers and key/value lines with their exact character offsets, so an
 * editor can change one value or insert one table and keep every other byte of the file as it was.
 *
 * <p>It understands comments, basic and literal strings (single and multi-line), and arrays and inline tables that
 * span lines, so a {@code [} inside a value is never taken for a table header. It does not check value syntax beyond
 * that, and it does not resolve dotted keys into tables: callers look at key paths themselves.
 */
final class TomlScanner {
    /** A line or multi-line construct of the document. {@code end} is just after its last newline (or text end). */
    sealed interface Item permits Header, Entry, Trivia {
        int start();

        int end();
    }

    /** {@code [a."b"]} or {@code [[a]]}. */
    record Header(List<String> key, boolean arrayTable, int start, int end) implements Item {
    }

    /** {@code key = value}; the value is {@code text[valueStart, valueEnd)}, without a trailing comment. */
    record Entry(List<String> key, int start, int valueStart, int valueEnd, int end) implements Item {
    }

    /** A blank line or a comment line. */
    record Trivia(boolean blank, int start, int end) implements Item {
    }

    private final String text;
    private final String label;
    private int pos;

    private TomlScanner(String text, String label) {
        this.text = text;
        this.label = label;
    }

    static List<Item> scan(String text, String label) throws InvalidConfigFileException {
        return new TomlScanner(text, label).items();
    }

    private List<Item> items() throws InvalidConfigFileException {
        List<Item> items = new ArrayList<>();
        while (pos < text.length()) {
            int start = pos;
            int first = skipSpaces(pos);
            char c = first < text.length() ? text.charAt(first) : '\n';
            if (c == '\n' || c == '\r' || c == '#') {
                pos = lineEnd(first);
                items.add(new Trivia(c != '#', start, pos));
            } else if (c == '[') {
                items.add(header(start, first));
            } else {
                items.add(entry(start, first));
            }
        }
        return items;
    }

    private Header header(int start, int open) throws InvalidConfigFileException {
        boolean array = open + 1 < text.length() && text.charAt(open + 1) == '[';
        int keyStart = open + (array ? 2 : 1);
        KeyParse key = key(keyStart, ']');
        int close = key.stop;
        if (close >= text.length() || text.charAt(close) != ']') {
            throw malformed(start, "table header without ']'");
        }
        close++;
        if (array) {
            if (close >= text.length() || text.charAt(close) != ']') {
                throw malformed(start, "array-of-tables header without ']]'");
            }
            close++;
        }
        int rest = skipSpaces(close);
        if (rest < text.length() && text.charAt(rest) != '#' && text.charAt(rest) != '\n' && text.charAt(rest) != '\r') {
            throw malformed(start, "text after a table header");
        }
        pos = lineEnd(rest);
        return new Header(key.parts, array, start, pos);
    }

    private Entry entry(int start, int keyStart) throws InvalidConfigFileException {
        KeyParse key = key(keyStart, '=');
        if (key.stop >= text.length() || text.charAt(key.stop) != '=') {
            throw malformed(start, "expected 'key = value'");
        }
        int valueStart = skipSpaces(key.stop + 1);
        int depth = 0;
        int i = valueStart;
        int lastSignificant = valueStart;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("\"\"\"", i) || text.startsWith("'''", i)) {
                String quote = text.substring(i, i + 3);
                int close = closingTriple(i + 3, quote);
                i = close;
                lastSignificant = i;
                continue;
            }
            if (c == '"' || c == '\'') {
                i = closingSingle(i, c);
                lastSignificant = i;
                continue;
            }
            if (c == '#') {
                i = lineContentEnd(i);
                continue;
            }
            if (c == '\n') {
                if (depth <= 0) {
                    break;
                }
                i++;
                continue;
            }
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
            if (!Character.isWhitespace(c)) {
                lastSignificant = i + 1;
            }
            i++;
        }
        if (depth > 0) {
            throw malformed(start, "unclosed array or inline table");
        }
        if (lastSignificant == valueStart) {
            throw malformed(start, "a key without a value");
        }
        pos = i < text.length() ? i + 1 : i;
        return new Entry(key.parts, start, valueStart, lastSignificant, pos);
    }

    private record KeyParse(List<String> parts, int stop) {
    }

    /** Reads a dotted key up to {@code terminator} (outside quotes). */
    private KeyParse key(int from, char terminator) throws InvalidConfigFileException {
        List<String> parts = new ArrayList<>();
        StringBuilder bare = new StringBuilder();
        boolean quotedPart = false;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == terminator) {
                break;
            }
            if (c == '\n') {
                throw malformed(from, "line break inside a key");
            }
            if (c == '"' || c == '\'') {
                int close = closingSingle(i, c);
                parts.add(unquote(text.substring(i, close)));
                quotedPart = true;
                i = close;
                continue;
            }
            if (c == '.') {
                if (!quotedPart) {
                    addBare(parts, bare, from);
                }
                bare.setLength(0);
                quotedPart = false;
            } else if (!Character.isWhitespace(c)) {
                if (quotedPart) {
                    throw malformed(from, "unexpected character after a quoted key");
                }
                bare.append(c);
            }
            i++;
        }
        if (!quotedPart) {
            addBare(parts, bare, from);
        }
        return new KeyParse(List.copyOf(parts), i);
    }

    private void addBare(List<String> parts, StringBuilder bare, int from) throws InvalidConfigFileException {
        String part = bare.toString();
        if (part.isEmpty() || !part.matches("[A-Za-z0-9_-]+")) {
            throw malformed(from, "not a TOML key: '" + part + "'");
        }
        parts.add(part);
    }

    private static String unquote(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (quoted.charAt(0) == '\'') {
            return body;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    default -> out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Index just after the closing quote of a one-line string starting at {@code open}. */
    private int closingSingle(int open, char quote) throws InvalidConfigFileException {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                break;
            }
            if (quote == '"' && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i + 1;
            }
            i++;
        }
        throw malformed(open, "unterminated string");
    }

    private int closingTriple(int from, String quote) throws InvalidConfigFileException {
        int i = from;
        while (i < text.length()) {
            if (quote.charAt(0) == '"' && text.charAt(i) == '\\') {
                i += 2;
                continue;
            }
            if (text.startsWith(quote, i)) {
                int end = i + 3;
                // Up to two extra quotes may close the string ("""a"""" is a string ending in a quote).
                while (end < text.length() && text.charAt(end) == quote.charAt(0) && end < i + 5) {
                    end++;
                }
                return end;
            }
            i++;
        }
        throw malformed(from, "unterminated multi-line string");
    }

    private int skipSpaces(int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Index of the newline ending the line that contains {@code from} (or text end). */
    private int lineContentEnd(int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    /** Index just after the newline ending the line that contains {@code from}. */
    private int lineEnd(int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl + 1;
    }

    private InvalidConfigFileException malformed(int at, String what) {
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new InvalidConfigFileException(label, "line " + line + ": " + what
                + " (the hook edits TOML with a minimal reader; see docs/HOOK.md)");
    }
}
