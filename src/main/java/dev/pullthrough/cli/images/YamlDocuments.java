package dev.pullthrough.cli.images;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML read as SnakeYAML node trees (every document of a multi-document file), which keep the line of each value;
 * nothing is constructed into objects, so custom tags ({@code !reference}) and hostile input create no instances.
 * Lookups follow merge keys ({@code <<: *defaults}) as YAML 1.1 tools do.
 */
final class YamlDocuments {
    /** Helm-rendered manifests of big charts exceed SnakeYAML's 3 MB default. */
    private static final int CODE_POINT_LIMIT = 64 * 1024 * 1024;

    private YamlDocuments() {
    }

    /** Thrown for text that is not YAML, with the line where parsing stopped. */
    static final class NotYamlException extends Exception {
        NotYamlException(String message) {
            super(message);
        }
    }

    static List<Node> parse(String text) throws NotYamlException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(CODE_POINT_LIMIT);
        options.setMaxAliasesForCollections(200);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : yaml.composeAll(new StringReader(text))) {
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (MarkedYAMLException e) {
            String at = e.getProblemMark() != null ? "line " + (e.getProblemMark().getLine() + 1) + ": " : "";
            throw new NotYamlException("not valid YAML at " + at + e.getProblem());
        } catch (YAMLException e) {
            throw new NotYamlException("not valid YAML: " + e.getMessage());
        }
        return documents;
    }

    /** The value under {@code key} of a mapping (merged mappings included); empty otherwise. */
    static Optional<Node> get(Node node, String key) {
        if (!(node instanceof MappingNode mapping)) {
            return Optional.empty();
        }
        List<Node> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node k = tuple.getKeyNode();
            if (k instanceof ScalarNode s && s.getValue().equals(key) && !Tag.MERGE.equals(k.getTag())) {
                return Optional.of(tuple.getValueNode());
            }
            if (Tag.MERGE.equals(k.getTag()) || k instanceof ScalarNode s2 && s2.getValue().equals("<<")) {
                Node v = tuple.getValueNode();
                if (v instanceof SequenceNode seq) {
                    merged.addAll(seq.getValue());
                } else {
                    merged.add(v);
                }
            }
        }
        for (Node m : merged) {
            if (m != node) {
                Optional<Node> found = get(m, key);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The key/value pairs of a mapping in order, merge keys left out. */
    static List<NodeTuple> entries(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            return List.of();
        }
        return mapping.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode s && !s.getValue().equals("<<")
                        && !Tag.MERGE.equals(s.getTag()))
                .toList();
    }

    static String keyOf(NodeTuple tuple) {
        return ((ScalarNode) tuple.getKeyNode()).getValue();
    }

    static List<Node> items(Node node) {
        return node instanceof SequenceNode seq ? seq.getValue() : List.of();
    }

    static Optional<String> text(Node node) {
        return node instanceof ScalarNode s ? Optional.of(s.getValue()) : Optional.empty();
    }

    /** The scalar under {@code key}, as a node (for its line). */
    static Optional<ScalarNode> scalar(Node node, String key) {
        return get(node, key).filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast);
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
