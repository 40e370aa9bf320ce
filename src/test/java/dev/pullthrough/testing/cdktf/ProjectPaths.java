package dev.pullthrough.testing.cdktf;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the project: surefire passes the root as {@code pt.project.dir}. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    public static Path root() {
        String dir = System.getProperty("pt.project.dir");
        Path root = dir == null ? Path.of("").toAbsolutePath() : Path.of(dir);
        if (!Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new IllegalStateException("pt.project.dir does not point at the project root: " + root);
        }
        return root;
    }

    public static Path target() {
        return root().resolve("target");
    }
}
