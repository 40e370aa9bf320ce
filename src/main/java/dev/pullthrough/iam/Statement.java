package dev.pullthrough.iam;

import java.util.List;

/** One Allow statement of an identity policy. */
public record Statement(String sid, List<String> actions, List<String> resources) {
    public Statement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }
}
