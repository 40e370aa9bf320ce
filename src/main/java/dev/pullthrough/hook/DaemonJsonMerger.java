package dev.pullthrough.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Puts the loopback mirror first in dockerd's {@code registry-mirrors}. The file is edited as text: only the value of
 * {@code registry-mirrors} is replaced (or the key added as the last member), every other byte stays as the user
 * wrote it, numbers and escapes included. Mirrors already listed stay after the proxy, in their own spelling, without
 * duplicates; merging an already merged file gives the same bytes.
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
        List<String> mirrors = checkedMirrors(original);
        List<String> elements = new ArrayList<>();
        elements.add(JsonFiles.quote(mirrorUrl));
        // dockerd normalises mirrors (trailing slash, case of scheme and host); compare the same way.
        Set<String> seen = new HashSet<>();
        seen.add(normalise(mirrorUrl));
        if (blank(original)) {
            return fresh("[" + elements.get(0) + "]");
        }
        JsonObjectText doc = JsonObjectText.scan(original);
        Optional<JsonObjectText.Member> member = doc.member(KEY);
        if (member.isPresent()) {
            List<JsonObjectText.Span> spans = member.get().elements();
            for (int i = 0; i < spans.size(); i++) {
                if (seen.add(normalise(mirrors.get(i)))) {
                    elements.add(doc.text(spans.get(i)));
                }
            }
        }
        String array = "[" + String.join(", ", elements) + "]";
        return member.isPresent() ? doc.replaceValue(member.get(), array) : doc.addMember(KEY, array);
    }

    /**
     * What to load just before the original comes back, when the original has no {@code registry-mirrors}: the
     * original with an explicit empty list. dockerd's reload only applies keys present in the file, so reloading the
     * original alone would leave the (stopped) proxy configured as a mirror, and whoever listens on that port next
     * would serve the daemon's Docker Hub pulls. Empty when the original lists mirrors itself (reloading it is enough).
     *
     * @param original the original bytes, or null when there was no file
     */
    public static Optional<byte[]> clearingMirrors(byte[] original) throws InvalidConfigFileException {
        ObjectNode root = JsonFiles.readObject(original, LABEL);
        if (root.has(KEY)) {
            return Optional.empty();
        }
        return Optional.of(blank(original) ? fresh("[]") : JsonObjectText.scan(original).addMember(KEY, "[]"));
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

    /** The file's mirrors, after checking that it is one JSON object whose {@code registry-mirrors} lists strings. */
    private static List<String> checkedMirrors(byte[] bytes) throws InvalidConfigFileException {
        JsonNode existing = JsonFiles.readObject(bytes, LABEL).get(KEY);
        List<String> mirrors = new ArrayList<>();
        if (existing == null || existing.isNull()) {
            return mirrors;
        }
        if (!existing.isArray()) {
            throw new InvalidConfigFileException(LABEL,
                    "\"" + KEY + "\" must be a list of URLs, found " + existing.getNodeType());
        }
        for (JsonNode m : existing) {
            if (!m.isTextual()) {
                throw new InvalidConfigFileException(LABEL, "\"" + KEY + "\" must be a list of URLs, found element " + m);
            }
            mirrors.add(m.asText());
        }
        return mirrors;
    }

    private static byte[] fresh(String array) {
        return ("{\n  " + JsonFiles.quote(KEY) + ": " + array + "\n}\n").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean blank(byte[] bytes) {
        return bytes == null || new String(bytes, StandardCharsets.UTF_8).isBlank();
    }

    private static String normalise(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT);
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
