package dev.pullthrough.hook;

import dev.pullthrough.hook.TomlScanner.Header;
import dev.pullthrough.hook.TomlScanner.Item;
import dev.pullthrough.hook.TomlScanner.Trivia;
import dev.pullthrough.hook.TomlText.Table;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Makes the loopback mirror the first host in containerd's {@code certs.d/<upstream>/hosts.toml} (e.g. docker.io)
 * ({@code [host."http://127.0.0.1:PORT"] capabilities = ["pull", "resolve"]}). containerd tries hosts in file order,
 * then {@code server}, so existing hosts and {@code server} stay as fallbacks, byte for byte.
 *
 * <p>Only the proxy's own table is touched: if present it is removed (with its sub-tables) and written again first.
 * A new file gets {@code server = "https://registry-1.docker.io"} (or the upstream's own host) so fallback to the
 * upstream stays explicit.
 */
public final class ContainerdHostsToml {
    static final String LABEL = ConfigFileKind.HOSTS_TOML.label();
    static final String DOCKER_HUB_SERVER = "https://registry-1.docker.io";

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
        List<String> ours = List.of("host", mirrorUrl);
        text = removeTable(text, ours);
        List<Item> items = TomlScanner.scan(text, LABEL);
        String block = "[host." + TomlText.quote(mirrorUrl) + "]\n  capabilities = [\"pull\", \"resolve\"]\n";
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Header h && !h.key().isEmpty() && h.key().get(0).equals("host")) {
                int at = TomlText.startWithLeadingComments(items, i);
                return TomlText.splice(text, at, at, block + "\n").getBytes(StandardCharsets.UTF_8);
            }
        }
        return TomlText.append(text, block).getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code server} of an upstream's hosts.toml: Docker Hub's registry for {@code docker.io}, else the host. */
    public static String serverFor(String upstreamHost) {
        return upstreamHost.equals(UpstreamRoutes.DEFAULT_UPSTREAM) ? DOCKER_HUB_SERVER : "https://" + upstreamHost;
    }

    /** Removes the table {@code key} and its sub-tables, plus one blank line after them. */
    private static String removeTable(String text, List<String> key) throws InvalidConfigFileException {
        while (true) {
            List<Item> items = TomlScanner.scan(text, LABEL);
            Table found = null;
            for (Table t : TomlText.tables(items)) {
                List<String> k = t.header().key();
                if (k.size() >= key.size() && k.subList(0, key.size()).equals(key)) {
                    found = t;
                    break;
                }
            }
            if (found == null) {
                return text;
            }
            int from = found.header().start();
            int to = found.contentEnd();
            for (Item item : items) {
                if (item.start() == to && item instanceof Trivia t && t.blank()) {
                    to = t.end();
                    break;
                }
            }
            text = TomlText.splice(text, from, to, "");
        }
    }
}
