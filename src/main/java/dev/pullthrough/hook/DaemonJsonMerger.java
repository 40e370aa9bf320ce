package dev.pullthrough.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts the loopback mirror first in dockerd's {@code registry-mirrors}. Every other key, its value and the key order
 * are kept; mirrors already listed stay, after the proxy, without duplicates. The output is pretty-printed JSON (two
 * spaces), so merging an already merged file gives the same bytes.
 *
 * <p>dockerd refuses mirror URLs with a path, so the mirror is always {@code http://<loopback>:<port>}.
 */
public final class DaemonJsonMerger {
    static final String KEY = "registry-mirrors";
    static final String LABEL = ConfigFileKind.DAEMON_JSON.label();

    private DaemonJsonMerger() {
    }

    /**
     * @param original the file's bytes, or null when it does not exist
     * @param mirrorUrl {@code http://127.0.0.1:5155}
     * @throws InvalidConfigFileException the file is not a JSON object or {@code registry-mirrors} is not a list of strings
     */
    public static byte[] merge(byte[] original, String mirrorUrl) throws InvalidConfigFileException {
        ObjectNode root = JsonFiles.readObject(original, LABEL);
        JsonNode existing = root.get(KEY);
        List<String> mirrors = new ArrayList<>();
        if (existing != null && !existing.isNull()) {
            if (!existing.isArray()) {
                throw new InvalidConfigFileException(LABEL,
                        "\"" + KEY + "\" must be a list of URLs, found " + existing.getNodeType());
            }
            for (Iterator<JsonNode> it = existing.elements(); it.hasNext(); ) {
                JsonNode m = it.next();
                if (!m.isTextual()) {
                    throw new InvalidConfigFileException(LABEL,
                            "\"" + KEY + "\" must be a list of URLs, found element " + m);
                }
                mirrors.add(m.asText());
            }
        }
        // dockerd normalises mirrors (trailing slash, case of scheme and host); compare the same way.
        Map<String, String> byKey = new LinkedHashMap<>();
        byKey.put(normalise(mirrorUrl), mirrorUrl);
        for (String m : mirrors) {
            byKey.putIfAbsent(normalise(m), m);
        }
        ArrayNode list = JsonFiles.MAPPER.createArrayNode();
        byKey.values().forEach(list::add);
        // set() keeps the key's position when it exists, and appends it otherwise.
        root.set(KEY, list);
        return JsonFiles.write(root, "  ");
    }

    /**
     * What to load just before the original comes back, when the original has no {@code registry-mirrors}: the
     * original with an explicit empty list. dockerd's reload only applies keys present in the file, so reloading the
     * original alone would leave the (stopped) proxy configured as a mirror, and whoever listens on that port next
     * would serve the daemon's Docker Hub pulls. Empty when the original lists mirrors itself (reloading it is enough).
     *
     * @param original the original bytes, or null when there was no file
     */
    public static java.util.Optional<byte[]> clearingMirrors(byte[] original) throws InvalidConfigFileException {
        ObjectNode root = JsonFiles.readObject(original, LABEL);
        if (root.has(KEY)) {
            return java.util.Optional.empty();
        }
        root.putArray(KEY);
        return java.util.Optional.of(JsonFiles.write(root, "  "));
    }

    /** The mirrors listed in a daemon.json, for status and tests. */
    public static List<String> mirrors(byte[] daemonJson) throws InvalidConfigFileException {
        List<String> out = new ArrayList<>();
        JsonNode list = JsonFiles.readObject(daemonJson, LABEL).get(KEY);
        if (list != null && list.isArray()) {
            list.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String normalise(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT);
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
