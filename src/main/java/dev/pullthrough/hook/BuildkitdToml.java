package dev.pullthrough.hook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullthrough.hook.TomlScanner.Entry;
import dev.pullthrough.hook.TomlScanner.Item;
import dev.pullthrough.hook.TomlText.ArrayElement;
import dev.pullthrough.hook.TomlText.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds the loopback mirror to BuildKit's {@code buildkitd.toml}: first in {@code [registry."docker.io"] mirrors} (and
 * in the table of every other upstream the hook mirrors)
 * (existing mirrors kept after it) and {@code [registry."127.0.0.1:PORT"] http = true}, since BuildKit otherwise
 * talks TLS to a mirror. Every other byte of the file is kept.
 *
 * <p>Limits of the minimal editor: the two tables must be written as standard tables ({@code [registry."docker.io"]});
 * a file that configures them through dotted keys ({@code registry."docker.io".mirrors = ...}), an inline table under
 * {@code [registry]}, or array tables is refused with {@link InvalidConfigFileException} and left untouched.
 */
public final class BuildkitdToml {
    static final String LABEL = ConfigFileKind.BUILDKITD_TOML.label();
    static final String DOCKER_HUB = "docker.io";

    private BuildkitdToml() {
    }

    /**
     * @param original the file's bytes, or null when it does not exist
     * @param mirrorHost {@code 127.0.0.1:5155} (BuildKit mirrors are host[:port], no scheme)
     */
    public static byte[] merge(byte[] original, String mirrorHost) throws InvalidConfigFileException {
        return merge(original, mirrorHost, List.of(DOCKER_HUB));
    }

    /**
     * The same for several upstreams: the mirror goes first in each {@code [registry."<upstream>"] mirrors}.
     *
     * @param upstreams registry hosts as image references name them ({@code docker.io}, {@code ghcr.io}, ...)
     */
    public static byte[] merge(byte[] original, String mirrorHost, List<String> upstreams)
            throws InvalidConfigFileException {
        String text = TomlText.decode(original, LABEL);
        TomlValidation.original(text, LABEL);
        for (String upstream : upstreams) {
            refuseOtherLayouts(text, List.of("registry", upstream));
        }
        refuseOtherLayouts(text, List.of("registry", mirrorHost));
        for (String upstream : upstreams) {
            text = setMirrors(text, mirrorHost, upstream);
        }
        text = setValue(text, List.of("registry", mirrorHost), "http", "true");
        JsonNode registry = TomlValidation.edited(text, LABEL).path("registry");
        boolean first = upstreams.stream().allMatch(u -> registry.path(u).path("mirrors").path(0).asText().equals(mirrorHost));
        if (!first || !registry.path(mirrorHost).path("http").asBoolean(false)) {
            throw new InvalidConfigFileException(LABEL, "the hook cannot put its mirror first in this layout; the file"
                    + " is left as it is");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String setMirrors(String text, String mirrorHost, String upstream) throws InvalidConfigFileException {
        List<String> key = List.of("registry", upstream);
        Optional<Table> table = find(text, key);
        if (table.isEmpty()) {
            return TomlText.append(text, header(key) + "  mirrors = " + TomlText.stringArray(List.of(mirrorHost)) + "\n");
        }
        Optional<Entry> mirrors = table.get().entry("mirrors");
        if (mirrors.isEmpty()) {
            int at = table.get().header().end();
            return TomlText.splice(text, at, at, "  mirrors = " + TomlText.stringArray(List.of(mirrorHost)) + "\n");
        }
        Entry e = mirrors.get();
        String value = text.substring(e.valueStart(), e.valueEnd());
        List<ArrayElement> existing = TomlText.stringArrayElements(value).orElseThrow(() -> new InvalidConfigFileException(
                LABEL, render(key) + " mirrors must be an array of strings, found " + value));
        return TomlText.splice(text, e.valueStart(), e.valueEnd(), mirrorFirst(value, existing, mirrorHost));
    }

    /**
     * The array with the mirror as its first element, edited in place so that comments and line breaks inside it
     * stay: copies of the mirror further down are cut out, and the mirror goes in before the first element (on a line
     * of its own, with that line's indent, in an array written one element per line).
     */
    static String mirrorFirst(String array, List<ArrayElement> elements, String mirrorHost) {
        String v = array;
        boolean alreadyFirst = !elements.isEmpty() && elements.get(0).value().equals(mirrorHost);
        for (int k = elements.size() - 1; k >= (alreadyFirst ? 1 : 0); k--) {
            if (elements.get(k).value().equals(mirrorHost)) {
                v = cut(v, elements.get(k));
            }
        }
        if (alreadyFirst) {
            return v;
        }
        String quoted = TomlText.quote(mirrorHost);
        Optional<ArrayElement> first = TomlText.stringArrayElements(v).orElseThrow().stream().findFirst();
        if (first.isEmpty()) {
            return "[" + quoted + v.substring(1);
        }
        int nl = v.substring(0, first.get().start()).indexOf('\n');
        if (nl < 0) {
            return v.substring(0, first.get().start()) + quoted + ", " + v.substring(first.get().start());
        }
        int lineStart = nl + 1;
        int indentEnd = lineStart;
        while (v.charAt(indentEnd) == ' ' || v.charAt(indentEnd) == '\t') {
            indentEnd++;
        }
        String eol = v.charAt(nl - 1) == '\r' ? "\r\n" : "\n";
        return v.substring(0, lineStart) + v.substring(lineStart, indentEnd) + quoted + "," + eol + v.substring(lineStart);
    }

    /** Removes one element with the comma after it (or, for the last one, the comma before it); comments stay. */
    private static String cut(String v, ArrayElement element) {
        int after = element.end();
        while (after < v.length() && (v.charAt(after) == ' ' || v.charAt(after) == '\t')) {
            after++;
        }
        if (after < v.length() && v.charAt(after) == ',') {
            after++;
            while (after < v.length() && (v.charAt(after) == ' ' || v.charAt(after) == '\t')) {
                after++;
            }
            return v.substring(0, element.start()) + v.substring(after);
        }
        int before = element.start();
        while (before > 1 && Character.isWhitespace(v.charAt(before - 1))) {
            before--;
        }
        int from = v.charAt(before - 1) == ',' ? before - 1 : element.start();
        return v.substring(0, from) + v.substring(element.end());
    }

    private static String setValue(String text, List<String> tableKey, String key, String value)
            throws InvalidConfigFileException {
        Optional<Table> table = find(text, tableKey);
        if (table.isEmpty()) {
            return TomlText.append(text, header(tableKey) + "  " + key + " = " + value + "\n");
        }
        Optional<Entry> entry = table.get().entry(key);
        if (entry.isEmpty()) {
            int at = table.get().header().end();
            return TomlText.splice(text, at, at, "  " + key + " = " + value + "\n");
        }
        return TomlText.splice(text, entry.get().valueStart(), entry.get().valueEnd(), value);
    }

    private static Optional<Table> find(String text, List<String> key) throws InvalidConfigFileException {
        Optional<Table> found = Optional.empty();
        for (Table t : TomlText.tables(TomlScanner.scan(text, LABEL))) {
            if (!t.header().arrayTable() && t.header().key().equals(key)) {
                if (found.isPresent()) {
                    throw new InvalidConfigFileException(LABEL, "table " + render(key) + " is defined twice");
                }
                found = Optional.of(t);
            }
        }
        return found;
    }

    /** Refuses files that set {@code key}'s values somewhere other than its own standard table. */
    private static void refuseOtherLayouts(String text, List<String> key) throws InvalidConfigFileException {
        List<Item> items = TomlScanner.scan(text, LABEL);
        for (Entry e : TomlText.rootEntries(items)) {
            check(e.key(), key, "root table");
        }
        for (Table t : TomlText.tables(items)) {
            List<String> h = t.header().key();
            if (t.header().arrayTable() && startsWith(h, key.subList(0, 1))) {
                throw new InvalidConfigFileException(LABEL, "array table [[" + String.join(".", h)
                        + "]] is not supported by the hook's TOML editor");
            }
            if (startsWith(h, key)) {
                continue; // its own table, or a sub-table such as [registry."docker.io".keypair]
            }
            for (Item item : t.items()) {
                if (item instanceof Entry e) {
                    List<String> full = new ArrayList<>(h);
                    full.addAll(e.key());
                    check(full, key, "table [" + String.join(".", h) + "]");
                }
            }
        }
    }

    private static void check(List<String> fullKey, List<String> key, String where) throws InvalidConfigFileException {
        if (startsWith(fullKey, key)) {
            throw new InvalidConfigFileException(LABEL, render(key) + " is configured by a dotted key or inline table"
                    + " in the " + where + "; the hook's TOML editor only edits the standard table " + render(key));
        }
    }

    private static boolean startsWith(List<String> list, List<String> prefix) {
        return list.size() >= prefix.size() && list.subList(0, prefix.size()).equals(prefix);
    }

    private static String header(List<String> key) {
        return render(key) + "\n";
    }

    private static String render(List<String> key) {
        return "[" + key.get(0) + "." + TomlText.quote(key.get(1)) + "]";
    }
}
