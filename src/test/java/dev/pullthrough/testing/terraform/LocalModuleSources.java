package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the local module sources ({@code ./x}, {@code ../x}) a configuration refers to, in HCL
 * ({@code *.tf}, {@code *.tftest.hcl}) and JSON ({@code *.tf.json}) files, so a copy can bring them along.
 */
final class LocalModuleSources {
    // `source = "../x"` inside module blocks; registry and git sources never start with a dot.
    private static final Pattern HCL_SOURCE = Pattern.compile("(?m)^\\s*source\\s*=\\s*\"(\\.{1,2}/[^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalModuleSources() {
    }

    /** Local sources found in the files directly in {@code dir} and in its {@code tests/} folder. */
    static List<String> in(Path dir) {
        TreeSet<String> sources = new TreeSet<>();
        for (Path file : configFiles(dir)) {
            String name = file.getFileName().toString();
            String text = read(file);
            if (name.endsWith(".tf.json")) {
                sources.addAll(fromJson(text, file));
            } else {
                Matcher m = HCL_SOURCE.matcher(text);
                while (m.find()) {
                    sources.add(m.group(1));
                }
            }
        }
        return List.copyOf(sources);
    }

    static List<String> fromJson(String text, Path file) {
        List<String> found = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid Terraform JSON: " + file + ": " + e.getMessage(), e);
        }
        // JSON syntax allows "module": {name: {...}} or "module": [{name: {...}}] (and a list per name).
        for (JsonNode modules : asList(root.path("module"))) {
            modules.fields().forEachRemaining(entry -> {
                for (JsonNode block : asList(entry.getValue())) {
                    String source = block.path("source").asText("");
                    if (source.startsWith("./") || source.startsWith("../")) {
                        found.add(source);
                    }
                }
            });
        }
        return found;
    }

    private static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(list::add);
        } else if (node.isObject()) {
            list.add(node);
        }
        return list;
    }

    private static List<Path> configFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        for (Path d : List.of(dir, dir.resolve("tests"))) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                s.filter(Files::isRegularFile).filter(p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".tf") || n.endsWith(".tf.json") || n.endsWith(".tftest.hcl")
                            || n.endsWith(".tftest.json");
                }).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
