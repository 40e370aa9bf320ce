package dev.pullthrough.hook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The top-level members of a JSON object file with the byte spans of their source text, so an editor can replace
 * one value or add one member and keep every other byte: numbers such as {@code -0}, {@code 0.1e1} or
 * {@code 1e400}, escapes such as {@code \ud800}, the layout and the key order stay exactly as the user wrote them.
 * The bytes must already have passed {@link JsonFiles#readObject} (valid, one object).
 */
final class JsonObjectText {
    /** {@code bytes[start, end)}. */
    record Span(int start, int end) {
    }

    /**
     * @param key the key's span (with quotes)
     * @param value the value's span
     * @param elements the element spans when the value is an array, else empty
     */
    record Member(String name, Span key, Span value, List<Span> elements) {
    }

    private final byte[] bytes;
    private final int open;
    private final int close;
    private final List<Member> members;

    private JsonObjectText(byte[] bytes, int open, int close, List<Member> members) {
        this.bytes = bytes;
        this.open = open;
        this.close = close;
        this.members = List.copyOf(members);
    }

    static JsonObjectText scan(byte[] bytes) {
        try (JsonParser p = JsonFiles.MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            int open = offset(p);
            List<Member> members = new ArrayList<>();
            JsonToken t = p.nextToken();
            while (t == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int keyStart = offset(p);
                JsonToken v = p.nextToken();
                int valueStart = offset(p);
                List<Span> elements = new ArrayList<>();
                int valueEnd;
                if (v == JsonToken.START_ARRAY) {
                    int elementStart = -1;
                    JsonToken e;
                    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (elementStart >= 0) {
                            elements.add(new Span(elementStart, endBefore(bytes, offset(p))));
                        }
                        elementStart = offset(p);
                        if (e == JsonToken.START_OBJECT || e == JsonToken.START_ARRAY) {
                            p.skipChildren();
                        }
                    }
                    if (elementStart >= 0) {
                        elements.add(new Span(elementStart, endBefore(bytes, offset(p))));
                    }
                    valueEnd = offset(p) + 1;
                    t = p.nextToken();
                } else if (v == JsonToken.START_OBJECT) {
                    p.skipChildren();
                    valueEnd = offset(p) + 1;
                    t = p.nextToken();
                } else {
                    // A scalar ends where the separator before the next token begins.
                    t = p.nextToken();
                    valueEnd = endBefore(bytes, offset(p));
                }
                members.add(new Member(name, new Span(keyStart, stringEnd(bytes, keyStart)),
                        new Span(valueStart, valueEnd), elements));
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return new JsonObjectText(bytes, open, offset(p), members);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    String text(Span span) {
        return new String(bytes, span.start(), span.end() - span.start(), StandardCharsets.UTF_8);
    }

    /** The file with {@code member}'s value replaced by {@code json}. */
    byte[] replaceValue(Member member, String json) {
        return splice(member.value().start(), member.value().end(), json);
    }

    /**
     * The file with {@code "name": json} added as the last member, on its own line with the indent of the members
     * before it (or on the brace's line in a one-line object).
     */
    byte[] addMember(String name, String json) {
        String member = JsonFiles.quote(name) + ": " + json;
        if (members.isEmpty()) {
            boolean multiLine = text(new Span(open, close)).contains("\n");
            String nl = text(new Span(open, close)).contains("\r\n") ? "\r\n" : "\n";
            return splice(open + 1, close, multiLine ? nl + "  " + member + nl : member);
        }
        Member last = members.get(members.size() - 1);
        // The whitespace before the last key: after "{" or after the comma that precedes it.
        int from = last.key().start();
        while (from > open + 1 && isSpace(bytes[from - 1])) {
            from--;
        }
        String indent = text(new Span(from, last.key().start()));
        return splice(last.value().end(), last.value().end(), "," + (indent.isEmpty() ? " " : indent) + member);
    }

    private byte[] splice(int from, int to, String replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + replacement.length());
        out.write(bytes, 0, from);
        out.writeBytes(replacement.getBytes(StandardCharsets.UTF_8));
        out.write(bytes, to, bytes.length - to);
        return out.toByteArray();
    }

    private static int offset(JsonParser p) {
        return (int) p.currentTokenLocation().getByteOffset();
    }

    /** End of the value before the token at {@code next}: back over whitespace, a comma, and whitespace again. */
    private static int endBefore(byte[] bytes, int next) {
        int i = next;
        while (i > 0 && isSpace(bytes[i - 1])) {
            i--;
        }
        if (i > 0 && bytes[i - 1] == ',') {
            i--;
            while (i > 0 && isSpace(bytes[i - 1])) {
                i--;
            }
        }
        return i;
    }

    /** Just after the closing quote of the string starting at {@code quote}. */
    private static int stringEnd(byte[] bytes, int quote) {
        int i = quote + 1;
        while (bytes[i] != '"') {
            i += bytes[i] == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
