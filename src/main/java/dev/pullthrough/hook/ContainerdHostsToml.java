package dev.pullthrough.hook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullthrough.hook.TomlScanner.Entry;
import dev.pullthrough.hook.TomlScanner.Header;
import dev.pullthrough.hook.TomlScanner.Item;
import dev.pullthrough.hook.TomlScanner.Trivia;
import dev.pullthrough.hook.TomlText.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Makes the loopback mirror the first host in containerd's {@code certs.d/<upstream>/hosts.toml} (e.g. docker.io)
 * ({@code [host."http://127.0.0.1:PORT"] capabilities = ["pull", "resolve"]}). containerd tries hosts in the order
 * their definitions appear in the file, then {@code server}, so existing hosts and {@code server} stay as fallbacks,
 * byte for byte.
 *
 * <p>The mirror goes in before the first host definition, in that definition's form: a {@code [host."..."]} table
 * before the first such table, a {@code host."...".capabilities} line before a dotted key in the root table, a
 * {@code "...".capabilities} line before an entry of a {@code [host]} table. A previous entry of the same mirror is
 * removed first. A new file gets {@code server = "https://registry-1.docker.io"} (or the upstream's own host) so
 * fallback to the upstream stays explicit. Layouts that cannot be edited line by line ({@code host = {...}} as one inline table, {@code [[host]]})
 * are refused, and every result is read back with a real TOML parser: it must be valid and list the mirror first.
 */
public final class ContainerdHostsToml {
    static final String LABEL = ConfigFileKind.HOSTS_TOML.label();
    static final String DOCKER_HUB_SERVER = "https://registry-1.docker.io";
    private static final String HOST = "host";
    private static final String CAPABILITIES = "capabilities = [\"pull\", \"resolve\"]";

    private ContainerdHostsToml() {
    }

    /**
     * @param original the file's bytes, or null when it does not exist
     * @param mirrorUrl {@code http://127.0.0.1:5155}
     */
    public static byte[] merge(byte[] original, String mirrorUrl) throws InvalidConfigFileException {
        return merge(original, mirrorUrl, DOCKER_HUB_SERVER);
    }

    /**
     * The same for any upstream's {@code certs.d/<host>/hosts.toml}.
     *
     * @param server the upstream itself ({@link #serverFor}), written only into a new file
     */
    public static byte[] merge(byte[] original, String mirrorUrl, String server) throws InvalidConfigFileException {
        String text = TomlText.decode(original, LABEL);
        if (original == null) {
            text = "server = " + TomlText.quote(server) + "\n";
        }
        TomlValidation.original(text, LABEL);
        refuseUnmergeable(TomlScanner.scan(text, LABEL));
        text = removeOwn(text, mirrorUrl);
        text = insertFirst(text, mirrorUrl);
        checkMirrorFirst(TomlValidation.edited(text, LABEL), mirrorUrl);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code server} of an upstream's hosts.toml: Docker Hub's registry for {@code docker.io}, else the host. */
    public static String serverFor(String upstreamHost) {
        return upstreamHost.equals(UpstreamRoutes.DEFAULT_UPSTREAM) ? DOCKER_HUB_SERVER : "https://" + upstreamHost;
    }

    private static void refuseUnmergeable(List<Item> items) throws InvalidConfigFileException {
        for (Entry e : TomlText.rootEntries(items)) {
            if (e.key().equals(List.of(HOST))) {
                throw new InvalidConfigFileException(LABEL, "hosts are given as one inline table (host = {...}); the"
                        + " hook cannot put its mirror first in it. Write each host as a [host.\"URL\"] table");
            }
        }
        for (Table t : TomlText.tables(items)) {
            if (t.header().arrayTable() && t.header().key().get(0).equals(HOST)) {
                throw new InvalidConfigFileException(LABEL, "[[" + String.join(".", t.header().key()) + "]] is an array"
                        + " of tables, which containerd does not read as hosts. Write each host as a [host.\"URL\"] table");
            }
        }
    }

    /** Inserts the mirror before the first host definition, in that definition's form (or appends a table). */
    private static String insertFirst(String text, String mirrorUrl) throws InvalidConfigFileException {
        List<Item> items = TomlScanner.scan(text, LABEL);
        List<String> table = List.of();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item instanceof Header h) {
                table = h.key();
                if (h.key().size() >= 2 && h.key().get(0).equals(HOST)) {
                    int at = TomlText.startWithLeadingComments(items, i);
                    return TomlText.splice(text, at, at, block(mirrorUrl) + "\n");
                }
            } else if (item instanceof Entry e) {
                boolean rootHost = table.isEmpty() && e.key().get(0).equals(HOST);
                boolean inHostTable = table.equals(List.of(HOST));
                if (rootHost || inHostTable) {
                    String key = (rootHost ? HOST + "." : "") + TomlText.quote(mirrorUrl) + "." + CAPABILITIES;
                    int at = TomlText.startWithLeadingComments(items, i);
                    return TomlText.splice(text, at, at, indentOf(text, e.start()) + key + "\n");
                }
            }
        }
        return TomlText.append(text, block(mirrorUrl));
    }

    private static String block(String mirrorUrl) {
        return "[" + HOST + "." + TomlText.quote(mirrorUrl) + "]\n  " + CAPABILITIES + "\n";
    }

    private static String indentOf(String text, int lineStart) {
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** Removes the mirror's own table (with sub-tables) and dotted entries left by an earlier run. */
    private static String removeOwn(String text, String mirrorUrl) throws InvalidConfigFileException {
        List<String> own = List.of(HOST, mirrorUrl);
        while (true) {
            List<Item> items = TomlScanner.scan(text, LABEL);
            int[] span = ownSpan(items, own);
            if (span == null) {
                return text;
            }
            text = TomlText.splice(text, span[0], span[1], "");
        }
    }

    private static int[] ownSpan(List<Item> items, List<String> own) {
        List<String> table = List.of();
        for (Table t : TomlText.tables(items)) {
            if (startsWith(t.header().key(), own)) {
                int to = t.contentEnd();
                for (Item item : items) {
                    if (item.start() == to && item instanceof Trivia tr && tr.blank()) {
                        to = tr.end();
                        break;
                    }
                }
                return new int[] {t.header().start(), to};
            }
        }
        for (Item item : items) {
            if (item instanceof Header h) {
                table = h.key();
            } else if (item instanceof Entry e) {
                List<String> full = new ArrayList<>(table);
                full.addAll(e.key());
                if (startsWith(full, own)) {
                    return new int[] {e.start(), e.end()};
                }
            }
        }
        return null;
    }

    /** The real parser's view of the result must list the mirror first, with pull and resolve. */
    private static void checkMirrorFirst(JsonNode doc, String mirrorUrl) throws InvalidConfigFileException {
        JsonNode hosts = doc.path(HOST);
        Iterator<String> names = hosts.fieldNames();
        JsonNode caps = hosts.path(mirrorUrl).path("capabilities");
        boolean first = names.hasNext() && names.next().equals(mirrorUrl);
        if (!first || !caps.isArray() || caps.size() != 2) {
            throw new InvalidConfigFileException(LABEL, "the hook cannot put its mirror first in this layout of hosts;"
                    + " the file is left as it is. Write each host as a [host.\"URL\"] table");
        }
    }

    private static boolean startsWith(List<String> list, List<String> prefix) {
        return list.size() >= prefix.size() && list.subList(0, prefix.size()).equals(prefix);
    }
}
