package dev.pullthrough.cli.images;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The kinds of files image references are read from, and how a file's path says which kind it is. */
public enum SourceKind {
    GITHUB_ACTIONS("github-actions"),
    DOCKERFILE("dockerfile"),
    COMPOSE("compose"),
    GITLAB_CI("gitlab-ci"),
    /** Kubernetes manifests and Helm-rendered YAML: any other YAML file whose documents have apiVersion and kind. */
    KUBERNETES("kubernetes");

    private final String id;

    SourceKind(String id) {
        this.id = id;
    }

    /** The name in JSON output. */
    public String id() {
        return id;
    }

    /** The kind a file's path implies; empty for files that hold no image references we read. */
    public static Optional<SourceKind> of(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.equals("Dockerfile") || name.equals("Containerfile") || name.startsWith("Dockerfile.")
                || name.startsWith("Containerfile.") || lower.endsWith(".dockerfile") || lower.endsWith(".containerfile")) {
            return Optional.of(DOCKERFILE);
        }
        if (!isYaml(lower)) {
            return Optional.empty();
        }
        Path parent = file.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("workflows")
                && parent.getParent() != null && parent.getParent().getFileName() != null
                && parent.getParent().getFileName().toString().equals(".github")) {
            return Optional.of(GITHUB_ACTIONS);
        }
        if (lower.equals("action.yml") || lower.equals("action.yaml")) {
            return Optional.of(GITHUB_ACTIONS);
        }
        if (lower.startsWith("compose.") || lower.startsWith("docker-compose")) {
            return Optional.of(COMPOSE);
        }
        if (lower.equals(".gitlab-ci.yml") || lower.equals(".gitlab-ci.yaml") || lower.endsWith(".gitlab-ci.yml")
                || lower.endsWith(".gitlab-ci.yaml")) {
            return Optional.of(GITLAB_CI);
        }
        return Optional.of(KUBERNETES);
    }

    private static boolean isYaml(String lowerName) {
        return lowerName.endsWith(".yml") || lowerName.endsWith(".yaml");
    }
}
