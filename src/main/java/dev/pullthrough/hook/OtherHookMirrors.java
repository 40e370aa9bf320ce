package dev.pullthrough.hook;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses to edit a file that already points at the mirror of another running hook. Two hooks with different state
 * directories on the same files undo each other: stopped first-in-first-out, the first finds the files changed since
 * it wrote them and leaves them, and the second puts back bytes that still name the first (stopped) mirror.
 *
 * <p>What a hook can tell for sure: its only mark in a file is its mirror's loopback address (daemon.json takes no
 * comments, and dockerd refuses unknown keys), and a running mirror names its state directory in every answer
 * ({@value MirrorProxy#STATE_DIR_HEADER}). So every loopback {@code host:port} the file names, as a value or a key,
 * is asked with one request outside {@code /v2/} (answered by the mirror itself, never forwarded). A stale entry
 * (nothing listens), the user's own local mirror (no such header) or this hook's own state directory is no reason to
 * refuse; the entry is kept after this hook's mirror as before.
 */
final class OtherHookMirrors {
    /** A loopback mirror answers at once; this bounds a port that accepts and never answers. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern LOOPBACK = Pattern.compile(
            "(?:https?://)?(127\\.0\\.0\\.1|localhost|\\[::1\\]):(\\d{1,5})/?", Pattern.CASE_INSENSITIVE);

    private OtherHookMirrors() {
    }

    /**
     * @param bytes the file's bytes (already checked to be valid JSON or TOML by its merge), or null when missing
     * @param ownStateDir this hook's state directory: its own mirror is not "another hook"
     * @throws HookException the file names the mirror of a hook with another state directory
     */
    static void refuseIfPresent(ConfigTarget target, byte[] bytes, Path ownStateDir) throws HookException {
        if (bytes == null || target.kind() == ConfigFileKind.DOCKER_CONFIG) {
            return;
        }
        Set<String> addresses = new TreeSet<>();
        try {
            collect(target.kind() == ConfigFileKind.DAEMON_JSON
                    ? JsonFiles.readObject(bytes, target.kind().label())
                    : TomlValidation.original(new String(bytes, StandardCharsets.UTF_8), target.kind().label()), addresses);
        } catch (InvalidConfigFileException e) {
            return; // the merge reports it
        }
        String own = ownStateDir.toAbsolutePath().normalize().toString();
        for (String hostPort : addresses) {
            Optional<String> other = stateDirOfMirrorAt(hostPort).filter(dir -> !dir.equals(own));
            if (other.isPresent()) {
                throw new HookException(target.path() + " points at the mirror " + hostPort
                        + " of another running pullthrough hook (state directory " + other.get() + "): two hooks on"
                        + " the same files would undo each other's changes; stop that hook first (hook stop --state-dir "
                        + other.get() + ") or give this one the same --state-dir");
            }
        }
    }

    /** Every loopback {@code host:port} among the tree's keys and text values. */
    static void collect(JsonNode node, Set<String> into) {
        if (node.isTextual()) {
            add(node.asText(), into);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            add(names.next(), into);
        }
        node.forEach(child -> collect(child, into));
    }

    private static void add(String text, Set<String> into) {
        Matcher m = LOOPBACK.matcher(text.trim());
        if (m.matches()) {
            into.add(m.group(1).toLowerCase(java.util.Locale.ROOT) + ":" + m.group(2));
        }
    }

    /** The state directory a hook mirror at {@code hostPort} names, or empty when none answers there. */
    static Optional<String> stateDirOfMirrorAt(String hostPort) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://" + hostPort + "/").toURL()
                    .openConnection(Proxy.NO_PROXY);
            int timeout = (int) PROBE_TIMEOUT.toMillis();
            c.setConnectTimeout(timeout);
            c.setReadTimeout(timeout);
            c.setRequestMethod("HEAD");
            c.getResponseCode();
            String dir = c.getHeaderField(MirrorProxy.STATE_DIR_HEADER);
            c.disconnect();
            return Optional.ofNullable(dir);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // nothing listens there (a stale entry), or it is not an HTTP server
        }
    }
}
