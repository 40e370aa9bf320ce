package dev.pullthrough.cli.images;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The image references of GitHub Actions workflows and actions, compose files, GitLab CI files and Kubernetes
 * manifests, read from their YAML node trees. Each finding is the scalar as written, at its own line; a value written
 * once under an anchor and merged into several places is one finding.
 */
final class YamlScanners {
    private static final String DOCKER_SCHEME = "docker://";
    /** GitLab CI's top-level keywords; every other top-level mapping is a job (hidden ".name" jobs included). */
    private static final Set<String> GITLAB_KEYWORDS = Set.of("default", "include", "stages", "variables", "workflow",
            "image", "services", "cache", "before_script", "after_script", "spec");
    private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");

    private YamlScanners() {
    }

    static List<FoundImage> scan(String file, SourceKind kind, List<Node> documents) {
        Findings out = new Findings(file, kind);
        for (Node doc : documents) {
            switch (kind) {
                case GITHUB_ACTIONS -> githubActions(doc, out);
                case COMPOSE -> compose(doc, out);
                case GITLAB_CI -> gitlab(doc, out);
                case KUBERNETES -> kubernetes(doc, out);
                default -> throw new IllegalArgumentException(kind + " is not YAML");
            }
        }
        return out.list();
    }

    private static void githubActions(Node doc, Findings out) {
        for (NodeTuple job : YamlDocuments.entries(YamlDocuments.get(doc, "jobs").orElse(null))) {
            String at = "jobs." + YamlDocuments.keyOf(job);
            Node body = job.getValueNode();
            YamlDocuments.get(body, "container").ifPresent(c -> {
                Node image = c instanceof ScalarNode ? c : YamlDocuments.get(c, "image").orElse(null);
                out.actions(image, at + ".container");
            });
            for (NodeTuple service : YamlDocuments.entries(YamlDocuments.get(body, "services").orElse(null))) {
                out.actions(YamlDocuments.get(service.getValueNode(), "image").orElse(null),
                        at + ".services." + YamlDocuments.keyOf(service));
            }
            dockerSteps(YamlDocuments.get(body, "steps").orElse(null), at + ".steps", out);
        }
        // An action's action.yml: a Docker action's runs.image, a composite action's steps.
        YamlDocuments.get(doc, "runs").ifPresent(runs -> {
            YamlDocuments.scalar(runs, "image").filter(s -> s.getValue().startsWith(DOCKER_SCHEME))
                    .ifPresent(s -> out.dockerUses(s, "runs.image"));
            dockerSteps(YamlDocuments.get(runs, "steps").orElse(null), "runs.steps", out);
        });
    }

    private static void dockerSteps(Node steps, String at, Findings out) {
        List<Node> items = YamlDocuments.items(steps);
        for (int i = 0; i < items.size(); i++) {
            String where = at + "[" + i + "].uses";
            YamlDocuments.scalar(items.get(i), "uses").filter(s -> s.getValue().startsWith(DOCKER_SCHEME))
                    .ifPresent(s -> out.dockerUses(s, where));
        }
    }

    private static void compose(Node doc, Findings out) {
        for (NodeTuple service : YamlDocuments.entries(YamlDocuments.get(doc, "services").orElse(null))) {
            YamlDocuments.scalar(service.getValueNode(), "image").ifPresent(image ->
                    out.expanded(image, "services." + YamlDocuments.keyOf(service) + ".image", Map.of()));
        }
    }

    private static void gitlab(Node doc, Findings out) {
        Map<String, String> global = gitlabVariables(YamlDocuments.get(doc, "variables").orElse(null), Map.of());
        gitlabImages(doc, "", global, out);
        YamlDocuments.get(doc, "default").ifPresent(d -> gitlabImages(d, "default.", global, out));
        for (NodeTuple job : YamlDocuments.entries(doc)) {
            String name = YamlDocuments.keyOf(job);
            if (GITLAB_KEYWORDS.contains(name)) {
                continue;
            }
            Map<String, String> vars = gitlabVariables(YamlDocuments.get(job.getValueNode(), "variables").orElse(null), global);
            gitlabImages(job.getValueNode(), name + ".", vars, out);
        }
    }

    private static void gitlabImages(Node body, String at, Map<String, String> vars, Findings out) {
        YamlDocuments.get(body, "image").ifPresent(image -> out.expanded(nameOf(image), at + "image", vars));
        List<Node> services = YamlDocuments.items(YamlDocuments.get(body, "services").orElse(null));
        for (int i = 0; i < services.size(); i++) {
            out.expanded(nameOf(services.get(i)), at + "services[" + i + "]", vars);
        }
    }

    /** {@code image: x} or {@code image: {name: x, ...}}; the same for services. */
    private static Node nameOf(Node imageOrService) {
        return imageOrService instanceof ScalarNode ? imageOrService : YamlDocuments.get(imageOrService, "name").orElse(null);
    }

    /** A GitLab variables block: {@code NAME: value} or {@code NAME: {value: ..., description: ...}}. */
    private static Map<String, String> gitlabVariables(Node block, Map<String, String> inherited) {
        Map<String, String> vars = new HashMap<>(inherited);
        for (NodeTuple v : YamlDocuments.entries(block)) {
            Node value = v.getValueNode();
            Optional<String> text = value instanceof ScalarNode s ? Optional.of(s.getValue())
                    : YamlDocuments.scalar(value, "value").map(ScalarNode::getValue);
            text.ifPresent(t -> vars.put(YamlDocuments.keyOf(v), t));
        }
        return vars;
    }

    private static void kubernetes(Node doc, Findings out) {
        if (YamlDocuments.get(doc, "apiVersion").isEmpty() || YamlDocuments.get(doc, "kind").isEmpty()) {
            return;
        }
        String name = YamlDocuments.get(doc, "metadata").flatMap(m -> YamlDocuments.scalar(m, "name"))
                .map(ScalarNode::getValue).orElse("?");
        String resource = YamlDocuments.scalar(doc, "kind").map(ScalarNode::getValue).orElse("?") + "/" + name;
        containers(doc, resource, out, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Every containers/initContainers/ephemeralContainers list, at any depth (Pods, workloads, CronJobs, Lists, CRDs). */
    private static void containers(Node node, String resource, Findings out, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        for (NodeTuple entry : YamlDocuments.entries(node)) {
            String key = YamlDocuments.keyOf(entry);
            if (CONTAINER_LISTS.contains(key)) {
                for (Node container : YamlDocuments.items(entry.getValueNode())) {
                    String cname = YamlDocuments.scalar(container, "name").map(ScalarNode::getValue).orElse("?");
                    YamlDocuments.scalar(container, "image").ifPresent(image ->
                            out.literal(image, resource + " " + key + "[" + cname + "]"));
                }
            } else if (key.equals("container") && YamlDocuments.scalar(entry.getValueNode(), "image").isPresent()) {
                // Argo Workflows templates and similar CRDs: one container spec under "container".
                out.literal(YamlDocuments.scalar(entry.getValueNode(), "image").get(), resource + " container");
            } else {
                containers(entry.getValueNode(), resource, out, seen);
            }
        }
        for (Node item : YamlDocuments.items(node)) {
            containers(item, resource, out, seen);
        }
    }

    /** Collects findings of one file, once per written scalar. */
    private static final class Findings {
        private final String file;
        private final SourceKind kind;
        private final List<FoundImage> list = new ArrayList<>();
        private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        Findings(String file, SourceKind kind) {
            this.file = file;
            this.kind = kind;
        }

        List<FoundImage> list() {
            return list;
        }

        /** A GitHub Actions value: only {@code ${{ }}} expressions, never shell variables. */
        void actions(Node node, String where) {
            if (node instanceof ScalarNode s) {
                add(s, where, s.getValue(), templated(s.getValue()).orElse(Expansion.resolved(s.getValue())));
            }
        }

        void dockerUses(ScalarNode s, String where) {
            String ref = s.getValue().substring(DOCKER_SCHEME.length());
            add(s, where, s.getValue(), templated(ref).orElse(Expansion.resolved(ref)));
        }

        void expanded(Node node, String where, Map<String, String> vars) {
            if (node instanceof ScalarNode s) {
                add(s, where, s.getValue(), templated(s.getValue()).orElse(Expansion.expand(s.getValue(), vars)));
            }
        }

        void literal(ScalarNode s, String where) {
            add(s, where, s.getValue(), templated(s.getValue()).orElse(Expansion.resolved(s.getValue())));
        }

        private void add(ScalarNode s, String where, String written, Expansion expansion) {
            if (written.isBlank() || !seen.add(s)) {
                return; // an empty image (a service switched off by an expression) pulls nothing
            }
            list.add(FoundImage.of(file, YamlDocuments.line(s), kind, where, written, expansion));
        }

        /** GitHub Actions {@code ${{ }}} or Helm/Go template {@code {{ }}}: never resolved here. */
        private static Optional<Expansion> templated(String value) {
            int open = value.indexOf("{{");
            if (open < 0) {
                return Optional.empty();
            }
            int close = value.indexOf("}}", open);
            int from = open > 0 && value.charAt(open - 1) == '$' ? open - 1 : open;
            String expr = close < 0 ? value.substring(from) : value.substring(from, close + 2);
            return Optional.of(Expansion.unresolvedBy("expression " + expr));
        }
    }
}
