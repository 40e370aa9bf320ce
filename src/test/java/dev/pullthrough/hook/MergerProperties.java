package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullthrough.hook.TomlScanner.Item;
import dev.pullthrough.hook.TomlText.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the three config mergers over generated inputs: the proxy entry comes first, everything unrelated is
 * kept (values and order for JSON, exact text for TOML), and merging a merged file changes nothing.
 */
class MergerProperties {
    private static final String MIRROR_URL = "http://127.0.0.1:5155";
    private static final String MIRROR_HOST = "127.0.0.1:5155";

    // ---- daemon.json

    @Property(tries = 300)
    void daemonJson_unrelatedKeysKeptInOrder_proxyFirst_idempotent(@ForAll("daemonJson") String input) throws Exception {
        byte[] in = input.getBytes(StandardCharsets.UTF_8);
        ObjectNode before = JsonFiles.readObject(in, "daemon.json");

        byte[] merged = DaemonJsonMerger.merge(in, MIRROR_URL);
        ObjectNode after = JsonFiles.readObject(merged, "daemon.json");

        List<String> keysBefore = keys(before);
        List<String> keysAfter = keys(after);
        keysBefore.remove("registry-mirrors");
        keysAfter.remove("registry-mirrors");
        assertThat(keysAfter).isEqualTo(keysBefore);
        for (String k : keysBefore) {
            assertThat(after.get(k)).as(k).isEqualTo(before.get(k));
        }
        List<String> mirrors = DaemonJsonMerger.mirrors(merged);
        assertThat(mirrors.get(0)).isEqualTo(MIRROR_URL);
        List<String> others = new ArrayList<>();
        for (String m : DaemonJsonMerger.mirrors(in)) {
            String norm = m.toLowerCase().replaceAll("/+$", "");
            if (!norm.equals(MIRROR_URL) && others.stream().noneMatch(o -> o.toLowerCase().replaceAll("/+$", "").equals(norm))) {
                others.add(m);
            }
        }
        assertThat(mirrors.subList(1, mirrors.size())).isEqualTo(others);
        assertThat(DaemonJsonMerger.merge(merged, MIRROR_URL)).isEqualTo(merged);
    }

    @Provide
    Arbitrary<String> daemonJson() {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (JsonNode) JsonFiles.MAPPER.getNodeFactory().textNode(s)),
                Arbitraries.integers().map(i -> (JsonNode) JsonFiles.MAPPER.getNodeFactory().numberNode(i)),
                Arbitraries.of(true, false).map(b -> (JsonNode) JsonFiles.MAPPER.getNodeFactory().booleanNode(b)),
                Arbitraries.of("1.50", "0.1", "1e3", "12345678901234567890").map(n -> {
                    try {
                        return JsonFiles.MAPPER.readTree(n);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
        Arbitrary<String> key = Arbitraries.of("debug", "log-driver", "insecure-registries", "features", "mtu",
                "data-root", "exec-opts", "dns", "storage-driver", "log-opts", "ipv6", "bip", "live-restore", "labels");
        Arbitrary<JsonNode> nested = Arbitraries.maps(key, scalar).ofMaxSize(3).map(m -> {
            ObjectNode o = JsonFiles.MAPPER.createObjectNode();
            m.forEach(o::set);
            return o;
        });
        Arbitrary<JsonNode> value = Arbitraries.oneOf(scalar, nested,
                scalar.list().ofMaxSize(3).map(l -> {
                    ArrayNode a = JsonFiles.MAPPER.createArrayNode();
                    l.forEach(a::add);
                    return a;
                }));
        Arbitrary<List<String>> mirrors = Arbitraries.of("https://mirror.gcr.io", "https://mirror.gcr.io/",
                "http://127.0.0.1:5155", "http://127.0.0.1:5155/", "HTTP://127.0.0.1:5155", "http://127.0.0.1:6000",
                "https://registry.example.com").list().ofMaxSize(4);
        Arbitrary<Map<String, JsonNode>> entries = Arbitraries.maps(key, value).ofMaxSize(6);
        return Combinators.combine(entries, mirrors, Arbitraries.integers().between(0, 6),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as((m, mir, at, withMirrors, pretty) -> {
                    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
                    List<Map.Entry<String, JsonNode>> list = new ArrayList<>(m.entrySet());
                    for (int i = 0; i <= list.size(); i++) {
                        if (withMirrors && i == Math.min(at, list.size())) {
                            ArrayNode a = o.putArray("registry-mirrors");
                            mir.forEach(a::add);
                        }
                        if (i < list.size()) {
                            o.set(list.get(i).getKey(), list.get(i).getValue());
                        }
                    }
                    try {
                        return pretty ? JsonFiles.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o)
                                : JsonFiles.MAPPER.writeValueAsString(o);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static List<String> keys(ObjectNode o) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    // ---- hosts.toml

    @Property(tries = 300)
    void hostsToml_proxyFirstHost_otherTextKept_idempotent(@ForAll("hostsToml") String input) throws Exception {
        byte[] merged = ContainerdHostsToml.merge(input.getBytes(StandardCharsets.UTF_8), MIRROR_URL);
        String out = new String(merged, StandardCharsets.UTF_8);

        List<Table> tables = TomlText.tables(TomlScanner.scan(out, "hosts.toml"));
        assertThat(tables).isNotEmpty();
        assertThat(tables.get(0).header().key()).containsExactly("host", MIRROR_URL);
        String block = "[host.\"" + MIRROR_URL + "\"]\n  capabilities = [\"pull\", \"resolve\"]\n";
        assertThat(out.indexOf(block)).isEqualTo(out.lastIndexOf(block));
        if (!input.contains(MIRROR_URL)) {
            boolean hasHostTables = TomlText.tables(TomlScanner.scan(input, "t")).stream()
                    .anyMatch(t -> t.header().key().get(0).equals("host"));
            if (hasHostTables) {
                assertThat(out.replace(block + "\n", "")).isEqualTo(input);
            } else {
                assertThat(out).startsWith(input).endsWith(block);
            }
        }
        assertThat(new String(ContainerdHostsToml.merge(merged, MIRROR_URL), StandardCharsets.UTF_8)).isEqualTo(out);
    }

    @Provide
    Arbitrary<String> hostsToml() {
        Arbitrary<String> url = Arbitraries.of("https://mirror.example.com", "https://b.example:8443",
                "http://10.0.0.5:5000", "http://127.0.0.1:6000", MIRROR_URL);
        Arbitrary<String> capabilities = Arbitraries.of("  capabilities = [\"pull\", \"resolve\"]\n",
                "  capabilities = [\"pull\"]   # read only\n", "  capabilities = [\n    \"pull\",\n    \"resolve\",\n  ]\n",
                "capabilities=['pull','resolve']\n");
        Arbitrary<String> extra = Arbitraries.of("", "  skip_verify = true\n", "  ca = \"/etc/ca.pem\"\n",
                "  override_path = true\n");
        Arbitrary<String> before = Arbitraries.of("", "\n", "# a comment\n", "# one\n# two\n", "\n# spaced\n");
        // Each host once: a table defined twice is not TOML (the merger refuses it, see ContainerdHostsTomlTest).
        Function<String, Arbitrary<String>> table = u -> Combinators.combine(before, capabilities, extra,
                Arbitraries.of(true, false)).as((b, c, e, header) -> b + "[host.\"" + u + "\"]\n" + c + e
                        + (header ? "[host.\"" + u + "\".header]\n  x-a = [\"1\"]\n" : ""));
        Arbitrary<List<String>> tables = url.list().ofMaxSize(4).uniqueElements()
                .flatMap(us -> Combinators.combine(us.stream().map(table).toList()).as(ts -> ts));
        Arbitrary<String> server = Arbitraries.of("", "server = \"https://registry-1.docker.io\"\n",
                "# hosts\nserver = 'https://registry-1.docker.io'   # upstream\n\n");
        return Combinators.combine(server, tables, Arbitraries.of("", "\n", "# end\n"))
                .as((s, ts, end) -> s + String.join("\n", ts) + end);
    }

    // ---- buildkitd.toml

    @Property(tries = 300)
    void buildkitdToml_mirrorFirst_unrelatedTablesKeptExactly_idempotent(@ForAll("buildkitdToml") String input)
            throws Exception {
        byte[] merged = BuildkitdToml.merge(input.getBytes(StandardCharsets.UTF_8), MIRROR_HOST);
        String out = new String(merged, StandardCharsets.UTF_8);

        Map<List<String>, String> tablesBefore = tableTexts(input);
        Map<List<String>, String> tablesAfter = tableTexts(out);
        tablesBefore.forEach((key, text) -> {
            if (!key.equals(List.of("registry", "docker.io")) && !key.equals(List.of("registry", MIRROR_HOST))) {
                assertThat(tablesAfter.get(key)).as(key.toString()).isEqualTo(text);
            }
        });
        List<Item> items = TomlScanner.scan(out, "t");
        Table hub = TomlText.tables(items).stream().filter(t -> t.header().key().equals(List.of("registry", "docker.io")))
                .findFirst().orElseThrow();
        TomlScanner.Entry mirrors = hub.entry("mirrors").orElseThrow();
        List<String> list = TomlText.parseStringArray(out.substring(mirrors.valueStart(), mirrors.valueEnd())).orElseThrow();
        assertThat(list.get(0)).isEqualTo(MIRROR_HOST);
        assertThat(list).doesNotHaveDuplicates();
        Table own = TomlText.tables(items).stream().filter(t -> t.header().key().equals(List.of("registry", MIRROR_HOST)))
                .findFirst().orElseThrow();
        TomlScanner.Entry http = own.entry("http").orElseThrow();
        assertThat(out.substring(http.valueStart(), http.valueEnd())).isEqualTo("true");
        assertThat(new String(BuildkitdToml.merge(merged, MIRROR_HOST), StandardCharsets.UTF_8)).isEqualTo(out);
    }

    @Provide
    Arbitrary<String> buildkitdToml() {
        Arbitrary<String> mirrors = Arbitraries.of("", "  mirrors = [\"mirror.gcr.io\"]\n",
                "  mirrors = [\"" + MIRROR_HOST + "\", \"mirror.gcr.io\"]  # ours\n",
                "  mirrors = [\n    \"a.example\",  # first\n    'b.example',\n  ]\n", "  mirrors = []\n");
        Arbitrary<String> hub = Combinators.combine(mirrors, Arbitraries.of("", "  http = false\n", "  insecure = true\n"))
                .as((m, o) -> "[registry.\"docker.io\"]\n" + m + o);
        Arbitrary<String> own = Arbitraries.of("[registry.\"" + MIRROR_HOST + "\"]\n  http = false\n",
                "[registry.\"" + MIRROR_HOST + "\"]\n  insecure = true\n");
        Arbitrary<String> other = Arbitraries.of("[worker.oci]\n  enabled = true\n  platforms = [ \"linux/amd64\" ]\n",
                "[registry.\"ghcr.io\"]\n  mirrors = [\"ghcr-mirror.local\"]\n",
                "[grpc]\n  address = [ \"tcp://0.0.0.0:1234\" ]\n  # debugAddress = \"0.0.0.0:6060\"\n",
                "[worker.containerd]\n  namespace = \"buildkit\"\n  gc = true\n\n  [[worker.containerd.gcpolicy]]\n    keepBytes = 512000000\n",
                "[history]\n  maxAge = 172800\n");
        Arbitrary<String> root = Arbitraries.of("", "debug = true\n", "# config\nroot = \"/var/lib/buildkit\"\ninsecure-entitlements = [ \"network.host\" ]\n",
                "description = \"\"\"\n[registry.\"docker.io\"]\n\"\"\"\n");
        return Combinators.combine(root, other.list().ofMaxSize(3).uniqueElements(), hub.optional(), own.optional(),
                Arbitraries.integers().between(0, 3)).as((r, others, h, o, pos) -> {
                    List<String> tables = new ArrayList<>(others);
                    h.ifPresent(t -> tables.add(Math.min(pos, tables.size()), t));
                    o.ifPresent(tables::add);
                    return r + String.join("\n", tables);
                });
    }

    private static Map<List<String>, String> tableTexts(String text) throws InvalidConfigFileException {
        Map<List<String>, String> out = new LinkedHashMap<>();
        for (Table t : TomlText.tables(TomlScanner.scan(text, "t"))) {
            if (!t.header().arrayTable()) {
                out.put(t.header().key(), text.substring(t.header().start(), t.contentEnd()));
            }
        }
        return out;
    }
}
